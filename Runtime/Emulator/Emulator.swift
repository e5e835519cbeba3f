// Runtime API emulator.
