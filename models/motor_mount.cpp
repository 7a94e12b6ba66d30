// A motor mount around a vendor's part: the motor flange comes as a STEP file
// (models/parts/motor_flange.step, made by models/parts/motor_flange.cpp) and
// is imported as a lazy node keyed by the file's bytes. Replace the file with
// the vendor's next revision and exactly what is built on it recomputes
// (`lazycad explain models/motor_mount.cpp` says so before you run it).
//
//   lazycad run models/motor_mount.cpp -D plate=6
#include <lazycad/lazycad.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    double t = param("plate", 4.0);
    Shape flange = import_step("parts/motor_flange.step").named("motor_flange");
    // The bracket plate under the flange: a bore for the motor's boss and
    // clearance holes on the flange's 31 mm square pattern.
    Shape plate = box(60, 42, t, true).down(t / 2) - cylinder(11.5, t).down(t);
    for (double x : {-15.5, 15.5})
        for (double y : {-15.5, 15.5}) plate = plate - cylinder(1.7, t).translate(x, y, -t);
    // Pinned: its key is the label, so rewriting how the bracket is built (a
    // refactor you vouch for) keeps the cached result; the label names the
    // thickness, so a new thickness is a new result. lazycad warns when a
    // pin keeps a result although the bracket's own subtree changed.
    Shape bracket = plate.fillet(2, edges::parallel_to(Axis::Z) & edges::near({30, 21, -t / 2}));
    display(bracket.pin("motor_mount bracket, plate " + std::to_string(t) + " mm").named("bracket"),
            color::steel);
    display(flange, color::black);
}
