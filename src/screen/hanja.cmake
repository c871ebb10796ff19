# Sino-Korean readings of Han characters (Unihan kHangul), for reading Korean names written in
# Chinese characters (金正植 -> 김정식 -> Kim Jong Sik). Generated at build time from Debian's
# unicode-data package (scripts/install-deps.sh); nothing generated is committed.
set(SEAWARDEN_UNIHAN_READINGS /usr/share/unicode/Unihan_Readings.txt.bz2 CACHE FILEPATH
    "Unihan_Readings.txt.bz2 (Debian package unicode-data)")
if(NOT EXISTS ${SEAWARDEN_UNIHAN_READINGS})
  message(FATAL_ERROR "${SEAWARDEN_UNIHAN_READINGS} not found: install the Debian package unicode-data "
                      "(scripts/install-deps.sh), or set SEAWARDEN_UNIHAN_READINGS")
endif()
find_program(SEAWARDEN_BZCAT bzcat REQUIRED)
find_program(SEAWARDEN_AWK NAMES mawk gawk awk REQUIRED)
set(SEAWARDEN_HANJA_DIR ${CMAKE_BINARY_DIR}/generated/screen)
set(SEAWARDEN_HANJA_INC ${SEAWARDEN_HANJA_DIR}/hanja_hangul.inc)
file(MAKE_DIRECTORY ${SEAWARDEN_HANJA_DIR})
add_custom_command(OUTPUT ${SEAWARDEN_HANJA_INC}
  COMMAND sh -c "${SEAWARDEN_BZCAT} '${SEAWARDEN_UNIHAN_READINGS}' | ${SEAWARDEN_AWK} -f '${CMAKE_SOURCE_DIR}/scripts/hanja/hanja_hangul.awk' > '${SEAWARDEN_HANJA_INC}.tmp' && mv '${SEAWARDEN_HANJA_INC}.tmp' '${SEAWARDEN_HANJA_INC}'"
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/hanja/hanja_hangul.awk ${SEAWARDEN_UNIHAN_READINGS}
  COMMENT "Sino-Korean readings of Han characters (Unihan kHangul)" VERBATIM)
target_sources(seawarden_screen PRIVATE ${SEAWARDEN_HANJA_INC})
target_include_directories(seawarden_screen PRIVATE ${CMAKE_BINARY_DIR}/generated)
