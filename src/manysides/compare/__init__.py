"""Cross-outlet stages: entity resolution, fact alignment, and the comparison they build.

Importing this subpackage rebinds the attribute ``manysides.compare`` from the API function
to this module (that is how Python imports submodules), so the module itself is made
callable with the same signature: ``manysides.compare(paths)`` works in every import order.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(self, sources: Any, **options: Any) -> Any:
        from manysides.compare.run import compare

        return compare(sources, **options)


sys.modules[__name__].__class__ = _CallablePackage
