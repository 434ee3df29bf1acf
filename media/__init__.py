"""The video lecture library: assets (videos, renditions, captions). Knows
nothing of courses or learners. Built in the video-library issue."""
