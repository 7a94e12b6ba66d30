// Makes models/parts/motor_flange.step: the "vendor" part of models/motor_mount.cpp.
#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    Shape plate = box(42, 42, 5, true).up(2.5);
    Shape holes = cylinder(11, 5);
    for (double x : {-15.5, 15.5})
        for (double y : {-15.5, 15.5}) holes = holes + cylinder(1.5, 5).translate(x, y, 0);
    display((plate - holes).named("motor_flange"));
}
