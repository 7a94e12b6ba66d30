#include "eval/occt_setup.hpp"

#include <mutex>

#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_Printer.hxx>
#include <OSD.hxx>

namespace lazycad::detail {

void setup_occt_in_this_thread() {
    static std::once_flag global;
    std::call_once(global, [] {
        OSD::SetSignal(/*theFloatingSignal=*/false);
        const Message_SequenceOfPrinters& printers = Message::DefaultMessenger()->Printers();
        for (Message_SequenceOfPrinters::Iterator it(printers); it.More(); it.Next())
            it.Value()->SetTraceLevel(Message_Fail);
    });
    thread_local bool installed = false;
    if (!installed) {
        OSD::SetThreadLocalSignal(OSD::SignalMode(), /*theFloatingSignal=*/false);
        installed = true;
    }
}

} // namespace lazycad::detail
