# Runs `systemd-analyze verify` on UNIT and fails on a non-zero exit or on any warning
# it prints about the unit itself (verify exits 0 on some of them, e.g. an unknown
# setting, which systemd would ignore at run time).
execute_process(COMMAND ${ANALYZE} verify ${UNIT} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
get_filename_component(name ${UNIT} NAME)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "systemd-analyze verify ${name} failed (exit ${result})")
endif()
string(FIND "${out}${err}" "${name}:" warned)
if(NOT warned EQUAL -1)
  message(FATAL_ERROR "systemd-analyze verify warns about ${name}")
endif()
