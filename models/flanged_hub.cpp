// A flanged hub: a disc with a bolt circle, a hub with a bore, and four ribs
// whose sides are drafted for casting. In CadQuery:
//
//   flange = cq.Workplane("XY").circle(R).extrude(t)
//   hub = flange.faces(">Z").workplane().circle(r_hub).extrude(h_hub)
//   ribs = (flange.faces(">Z").workplane().polarArray(0, 0, 360, 4)
//           .center(rib_len / 2, 0).rect(rib_len, rib_w).extrude(rib_h, taper=draft))
//   part = (hub.union(ribs).faces(">Z").workplane().hole(bore)
//           .faces("<Z").workplane(invert=True).polarArray(bolt_r, 0, 360, 6).hole(bolt_d))
//
//   lazycad run models/flanged_hub.cpp -D bolts=8
#include <lazycad/lazycad.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    double R = param("flange_radius", 40.0);
    double t = param("flange_thickness", 8.0);
    double r_hub = param("hub_radius", 15.0);
    double h_hub = param("hub_height", 25.0);
    double bore = param("bore", 16.0);
    double rib_len = param("rib_length", 26.0);
    double rib_w = param("rib_width", 5.0);
    double rib_h = param("rib_height", 12.0);
    double draft = param("draft", 5.0);
    double bolt_r = param("bolt_circle_radius", 30.0);
    double bolt_d = param("bolt_diameter", 6.6);
    int bolts = param("bolts", 6);

    Shape flange = circle(R).extrude(t);
    Plane top = plane_of(flange, faces::top());
    Shape hub = on(top, circle(r_hub).extrude(h_hub));
    // One rib from the axis outwards, its sides drafted; four of them around Z.
    Shape rib =
        on(top, rectangle(rib_len, rib_w, true).right(rib_len / 2).extrude(rib_h, deg(draft)));
    Shape part = union_all({flange, hub, polar_array(rib, 4)});
    part = hole(part, HoleSpec::through(bore), plane_of(part, faces::top()), {{0, 0}});
    // The bolt circle, drilled up from the flange's underside.
    part = hole(part, HoleSpec::through(bolt_d), plane_of(part, faces::bottom()),
                polar(bolt_r, bolts, deg(30)));
    display(part.named("flanged_hub"), color::brass);
}
