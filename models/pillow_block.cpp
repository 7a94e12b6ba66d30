// CadQuery's "pillow block with counterbored holes", line for line:
//
//   result = (cq.Workplane("XY").box(length, height, thickness)
//       .faces(">Z").workplane().hole(center_hole_dia)
//       .faces(">Z").workplane()
//       .rect(length - cbore_inset, height - cbore_inset, forConstruction=True)
//       .vertices().cboreHole(cbore_hole_diameter, cbore_diameter, cbore_depth)
//       .edges("|Z").fillet(2.0))
//
//   lazycad run models/pillow_block.cpp -D length=100
#include <lazycad/lazycad.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    double length = param("length", 80.0);
    double height = param("height", 60.0);
    double thickness = param("thickness", 10.0);
    double center_hole_dia = param("center_hole_dia", 22.0);
    double cbore_hole_diameter = param("cbore_hole_diameter", 2.4);
    double cbore_inset = param("cbore_inset", 12.0);
    double cbore_diameter = param("cbore_diameter", 4.4);
    double cbore_depth = param("cbore_depth", 2.1);

    Shape block = box(length, height, thickness, true);
    block = hole(block, HoleSpec::through(center_hole_dia), plane_of(block, faces::top()),
                 {{0, 0}});
    block = hole(block,
                 HoleSpec::through(cbore_hole_diameter).counterbore(cbore_diameter, cbore_depth),
                 plane_of(block, faces::top()),
                 grid(2, 2, length - cbore_inset, height - cbore_inset));
    block = block.fillet(2.0, edges::parallel_to(Axis::Z));
    display(block.named("pillow_block"), color::steel);
}
