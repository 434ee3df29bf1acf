"""The one completion channel: enrolments, course items, item completions,
course progress, and video watch tracking that feeds them."""
