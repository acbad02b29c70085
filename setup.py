"""Build of lagebild's one optional C extension; everything else is in pyproject.toml.

`lagebild.language._hanta_kernel` (Cython, from `src/lagebild/language/_hanta_kernel.pyx`)
compiles HanTa's per-word and per-sentence search loops. It is optional: without Cython or a
C compiler the install goes on without it and `lagebild.language.hanta` runs its pure-Python
code, with the same results.
"""

import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class optional_build_ext(build_ext):
    """Skips the extension, with a warning, when it cannot be compiled."""

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as e:  # no compiler, no Python headers, …
            self.warn(f"lagebild: not building {ext.name} ({e}); the pure-Python code is used instead")


ext_modules = []
try:
    from Cython.Build import cythonize
except ImportError:  # no Cython (a build without isolation): pure Python
    cythonize = None

if cythonize is not None:
    # no contraction of a * b + c into fused multiply-adds: every score is summed as in Python
    args = [] if sys.platform == "win32" else ["-O2", "-ffp-contract=off"]
    try:
        ext_modules = cythonize(
            [Extension("lagebild.language._hanta_kernel", ["src/lagebild/language/_hanta_kernel.pyx"],
                       extra_compile_args=args)],
            language_level=3,
            quiet=True,
        )
    except Exception as e:
        print(f"lagebild: cannot cythonize the HanTa kernel ({e}); the pure-Python code is used instead",
              file=sys.stderr)
        ext_modules = []
    for ext in ext_modules:
        ext.optional = True

setup(ext_modules=ext_modules, cmdclass={"build_ext": optional_build_ext})
