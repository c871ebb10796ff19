# Unihan_Readings.txt (tab-separated "U+91D1<TAB>kHangul<TAB>금:0E 김:0N") -> C++ table rows
# {0x91D1, "김"}: each Han character's Sino-Korean reading in Hangul. A reading tagged N (for
# personal names, 인명용) is preferred, as in 金 = 김 (Kim) rather than 금 (gold); otherwise the
# first reading. Unihan lists characters in code point order, which the lookup relies on.
BEGIN { FS = "\t" }
$2 == "kHangul" {
  n = split($3, readings, " ")
  pick = ""
  for (i = 1; i <= n; i++) {
    split(readings[i], parts, ":")
    if (pick == "") pick = parts[1]
    if (parts[2] ~ /N/) { pick = parts[1]; break }
  }
  if (pick != "") printf "{0x%s, \"%s\"},\n", substr($1, 3), pick
}
