package dev.hoist.dockerfile.instruction;


/** {@code ONBUILD trigger}: an instruction stored in the image for builds that use it as a base; {@code expression} is the trigger text as stored in the image config. */
public record OnbuildInstruction(Origin origin, Instruction trigger, String expression) implements Instruction {

    @Override
    public String keyword() {
        return "ONBUILD";
    }
}
