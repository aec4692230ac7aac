"""Checks a headless-Chromium screenshot of `councildata report`: the timeline plot, drawn first
on the page, is really there — its day dots and its year bars in their colours, inside the
region where the plot stands. Used by `make report-check`.

usage: check_report.py SCREENSHOT.png
"""

import sys

from PIL import Image

WIDTH = 1280
# The page header (title, summary, links, section heading) is about 170 px high; the plot
# follows it and is at least 300 px high.
PLOT_TOP, PLOT_BOTTOM = 140, 900
DAY = (0x1F, 0x77, 0xB4)  # day dots, opaque
MIN_DAY_PIXELS = 600  # the seeds draw 37 dots of radius 5 px; the legend square alone is 144
MIN_SPAN_PIXELS = 2000  # year and month bars, translucent green and orange
MIN_INK = 0.03  # share of the plot region that is not white


def close(rgb, target, tolerance=12):
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, target))


def main(path):
    image = Image.open(path).convert("RGB")
    if image.width != WIDTH:
        return f"{path}: {image.width} px wide, expected {WIDTH}"
    region = image.crop((0, PLOT_TOP, WIDTH, min(PLOT_BOTTOM, image.height)))
    pixels = list(region.get_flattened_data())
    day = sum(1 for p in pixels if close(p, DAY))
    spans = sum(1 for r, g, b in pixels if (g > r + 25 and g > b + 25) or (r > b + 60 and g > b + 20 and r > g))
    ink = sum(1 for p in pixels if min(p) < 235) / len(pixels)
    print(f"{path}: timeline region {region.width}x{region.height}: {day} day-dot pixels, "
          f"{spans} span pixels, {ink:.1%} ink")
    problems = []
    if day < MIN_DAY_PIXELS:
        problems.append(f"only {day} pixels of day dots (want {MIN_DAY_PIXELS})")
    if spans < MIN_SPAN_PIXELS:
        problems.append(f"only {spans} pixels of year/month bars (want {MIN_SPAN_PIXELS})")
    if ink < MIN_INK:
        problems.append(f"the plot region is blank ({ink:.1%} ink)")
    return "; ".join(problems) or None


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    problem = main(sys.argv[1])
    if problem:
        sys.exit(f"report check failed: {problem}")
    print("report check: the timeline is visible")
