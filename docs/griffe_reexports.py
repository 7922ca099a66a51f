"""Griffe extension for the API reference (named in mkdocs.yml): a package's re-exports are public.

Several packages keep their code in private submodules (``theory/empirical/balancing/_rule.py``, ...) and import
the public names into ``__init__.py``, without an ``__all__``. Griffe treats imported names as private,
so the API reference would show those packages empty. This marks every name that a module without
``__all__`` imports from one of its own private submodules as public, so it is rendered under the
package's name (``alliancelab.theory.empirical.balancing.classify``), as users import it.
"""

import griffe


class PublicReexports(griffe.Extension):
    def on_package(self, *, pkg, **kwargs):
        self._mark(pkg)

    def _mark(self, module):
        for name, member in list(module.members.items()):
            if member.is_alias:
                if (
                    not name.startswith("_")
                    and not module.exports
                    and member.target_path.startswith(module.path + "._")
                ):
                    member.public = True
            elif member.is_module:
                self._mark(member)
