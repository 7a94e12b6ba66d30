// lazycad/occt.hpp from an installed lazycad: the evaluated TopoDS_Shape of a
// lazy shape, inspected with OCCT directly. Prints the number of faces.
#include <cstdio>

#include <TopExp_Explorer.hxx>
#include <lazycad/lazycad.hpp>
#include <lazycad/occt.hpp>

int main() {
    using namespace lazycad;
    TopoDS_Shape s = occt_shape(box(1, 2, 3) - cylinder(0.4, 3).right(0.5).forw(1));
    int faces = 0;
    for (TopExp_Explorer e(s, TopAbs_FACE); e.More(); e.Next()) ++faces;
    std::printf("faces %d\n", faces);
    return 0;
}
