#!/usr/bin/env python3
"""Makes crates/pdf/fonts/NotoSansCJKjp-Regular-subset.otf, the font NSDB's PDFs are set in.

Source: the Japanese Regular face (index 0) of NotoSansCJK-Regular.ttc from Debian's
`fonts-noto-cjk` package (apt-get install -y fonts-noto-cjk), under
/usr/share/fonts/opentype/noto/. Needs fontTools (pip install fonttools).

The subset keeps the glyphs of:
  * ASCII and Latin-1 (U+0020-U+007E, U+00A0-U+00FF);
  * all of JIS X 0213:2004, both planes: every character Python's `euc_jis_2004` codec
    decodes from a 2-byte sequence (plane 1, 0xA1-0xFE x 0xA1-0xFE: JIS X 0208 and the
    2004 additions, 8,773 characters) or a 3-byte 0x8F sequence (6,799 characters: plane 2
    and, since the codec also decodes them, the JIS X 0212 補助漢字 positions). 﨑 U+FA11
    is in plane 1; 髙 and 𠮷 are added below;
  * half-width katakana (U+FF61-U+FF9F) and the full-width forms block (U+FF01-U+FF5E);
  * common 異体字 of names outside JIS X 0213 (see EXTRA below);
  * every character of the form definitions (forms/**/*.toml), so every label prints;
  * every character of the renderer's own Rust sources (crates/pdf/src/*.rs).

Usage (from the repository root):  python3 crates/pdf/fonts/subset.py
"""
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = pathlib.Path(__file__).resolve().parents[3]
SOURCE = pathlib.Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
OUT = pathlib.Path(__file__).resolve().parent / "NotoSansCJKjp-Regular-subset.otf"

# Name characters seen on Japanese registers that JIS X 0213 does not encode (or encodes
# only as a compatibility ideograph): 𠮷 (つちよし), 𡈽 (土 with a dot, as in 𡈽屋), 髙 (はしごだか),
# 﨑 (たつさき), 德, 栁, 濵, 邉, 邊, 齋, 齊, 隆 (compat), 塚 (compat), 槇, 圡.
EXTRA = "𠮷𡈽髙﨑德栁濵邉邊齋齊隆塚槇圡〓"


def jis_x_0213():
    chars = set()
    hi = range(0xA1, 0xFF)
    for a in hi:
        for b in hi:
            for seq in (bytes([a, b]), bytes([0x8F, a, b])):
                try:
                    chars.update(seq.decode("euc_jis_2004"))
                except UnicodeDecodeError:
                    pass
    return chars


def main():
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0xA0, 0x100))
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))
    chars.update(chr(c) for c in range(0xFF61, 0xFFA0))
    jis = jis_x_0213()
    chars.update(jis)
    chars.update(EXTRA)
    texts = sorted((ROOT / "forms").rglob("*.toml")) + sorted((ROOT / "crates/pdf/src").glob("*.rs"))
    for path in texts:
        chars.update(path.read_text(encoding="utf-8"))
    chars = {c for c in chars if c.isprintable() or c == "\u3000"}

    font = TTCollection(str(SOURCE)).fonts[0]
    assert font["name"].getDebugName(4) == "Noto Sans CJK JP", font["name"].getDebugName(4)
    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap)
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = False
    options.layout_features = ["kern"]  # horizontal text only: no vert/fwid/hwid alternates
    options.name_IDs = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars if ord(c) in cmap])
    subsetter.subset(font)
    font.recalcTimestamp = False  # keep the source's date: the same input gives the same bytes
    font.save(str(OUT))
    print(f"JIS X 0213 characters: {len(jis)}; characters kept: {len(chars) - len(missing)}; "
          f"not in the font: {len(missing)} {''.join(missing[:40])}", file=sys.stderr)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
