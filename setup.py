"""Copy the top-level rules/ into the package so a wheel carries the default rule set."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithRules(build_py):
    def run(self) -> None:
        super().run()
        src = Path(__file__).parent / "rules"
        dst = Path(self.build_lib) / "perfcheck" / "rules"
        if src.is_dir():
            dst.mkdir(parents=True, exist_ok=True)
            for f in src.glob("*.yaml"):
                shutil.copy2(f, dst / f.name)


setup(cmdclass={"build_py": BuildWithRules})
