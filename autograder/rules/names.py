"""The names the static rules allow, refuse or read as loops, and the limits on what they read."""

from __future__ import annotations

import ast
import re

# What one notebook's solution cells may hold, and the time reading them may take.
MAX_SOURCE_CHARS = 200_000
MAX_NODES = 60_000
BUDGET_SECONDS = 2.0

# What any solution cell may spell.
ALLOWED_MODULES = {"numpy", "math", "cmath", "itertools", "functools", "collections", "numbers", "fractions",
                   "decimal", "statistics"}
FORBIDDEN_NAMES = {
    "exec", "eval", "compile", "__import__", "globals", "locals", "vars", "getattr", "setattr", "delattr",
    "open", "breakpoint", "input", "exit", "quit", "help", "memoryview", "super", "type", "object",
    "classmethod", "staticmethod", "property",
}
# Attributes that reach files, raw memory, frames or the interpreter, whatever object they are read from.
FORBIDDEN_ATTRIBUTES = {
    "ctypeslib", "ctypes", "lib", "stride_tricks", "as_strided", "f2py", "distutils", "testing", "load", "save",
    "savez", "savez_compressed", "savetxt", "loadtxt", "genfromtxt", "fromfile", "tofile", "memmap", "open_memmap",
    "DataSource", "fromregex", "dump", "dumps", "gi_frame", "gi_code", "cr_frame", "ag_frame", "f_back",
    "f_globals", "f_locals", "f_builtins", "f_code", "tb_frame", "tb_next", "with_traceback", "format_map",
    "show_config", "info", "source", "lookfor", "who", "get_include",
    # Modules that allowed modules hold as attributes (numpy.ma.core.builtins, ...): a way to os and sys.
    "abc", "builtins", "inspect", "operator", "re", "sys", "textwrap", "warnings", "os", "subprocess", "pathlib",
    "shutil", "io", "importlib", "types", "codecs", "platform", "sysconfig", "tempfile", "argparse", "fileinput",
    "pprint", "string", "time", "threading", "signal", "socket", "pickle", "gc", "mmap",
    # Not "copy": it is ndarray.copy and np.copy. The copy module (reachable from no allowed module) is a dead end
    # without these: its copy and deepcopy duplicate what the code already holds; dispatch_table is copyreg's,
    # shared with pickle.
    "copyreg", "dispatch_table",
}
FORMAT_FIELD_LOOKUP = re.compile(r"\{[^{}:!]*[.\[]")  # str.format reads attributes: "{0.gi_frame}"

# Loops, where vectorization is the exercise.
LOOP_NODES = {
    ast.For: "a for loop", ast.AsyncFor: "a for loop", ast.While: "a while loop",
    ast.ListComp: "a list comprehension", ast.SetComp: "a set comprehension", ast.DictComp: "a dict comprehension",
    ast.GeneratorExp: "a generator expression",
}
# Loops in disguise: each applies Python code element by element.
LOOP_BUILTINS = {"map", "filter", "iter", "next", "zip", "enumerate", "reversed", "sum", "sorted"}
LOOP_HELPERS = {"vectorize", "frompyfunc", "apply_along_axis", "apply_over_axes", "fromiter", "fromfunction",
                "starmap"}
LOOP_MODULES = {"functools", "itertools"}  # their reduce and accumulate loop in Python (np.add.reduce does not)
# Compiled or plain arithmetic: nothing in them runs a Python function per element.
READABLE_MODULES = {"numpy", "math", "cmath"}
