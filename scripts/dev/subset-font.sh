#!/bin/sh
# Remakes app/fonts/inter-text.woff2, the one text font of the site: Inter (OFL-1.1, Debian's
# fonts-inter-variable), weights 400–700 of its variable axis, cut to the characters French pages use
# (Latin-1, œ, typographic punctuation and spaces, arrows, ±, ≤, ≥, −, °, ², …). Run by hand when that
# set changes; the build uses the committed file. Needs: apt install fonts-inter-variable python3-fonttools
# python3-brotli.
set -eu
source_font=/usr/share/fonts/truetype/inter-vf/Inter-roman.var.ttf
out=$(dirname "$0")/../../app/fonts/inter-text.woff2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 -m fontTools.varLib.instancer "$source_font" wght=400:700 -o "$work/inter.ttf"
/usr/bin/python3 -m fontTools.subset "$work/inter.ttf" \
  --unicodes="U+0020-007E,U+00A0-00FF,U+0152-0153,U+0178,U+02C6,U+02DA,U+02DC,U+2009-200B,U+2010-2027,\
U+202F-2030,U+2039-203A,U+2044,U+205F,U+2070-207F,U+2080-2089,U+20AC,U+2116,U+2122,U+2190-2199,U+21A9,\
U+2212,U+221E,U+2248,U+2260,U+2264-2265,U+25B2,U+25B6,U+25BC,U+25C0,U+26A0" \
  --layout-features='kern,tnum,ccmp,locl' --flavor=woff2 --output-file="$out"
echo "$out: $(wc -c < "$out") bytes"
