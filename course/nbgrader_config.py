"""nbgrader configuration for the CLI and the formgrader: the settings live in
crosstrain.course.config, so in-process grading and nbgrader agree."""

from pathlib import Path

from crosstrain.course.config import course_config

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)
c.merge(course_config(Path(__file__).resolve().parent))
