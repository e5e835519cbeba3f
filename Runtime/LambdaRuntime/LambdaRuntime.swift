// Lambda custom runtime.
