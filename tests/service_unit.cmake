# The systemd unit (packaging/planbot.service.in) checked by `systemd-analyze verify`:
# a copy whose ExecStart is the binary just built (verify checks that it exists), so
# the test runs without installing. systemd-analyze comes with Debian's `systemd`
# package, which `tools/install-dependencies --tests` installs when it is missing; a
# missing command is a failing test, never a silent skip.
file(READ ${PROJECT_SOURCE_DIR}/packaging/planbot.service.in PLANBOT_UNIT_TEMPLATE)
string(REPLACE "@PLANBOT_SERVICE_BINARY@" "$<TARGET_FILE:planbot>" PLANBOT_TEST_UNIT "${PLANBOT_UNIT_TEMPLATE}")
file(GENERATE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/service-unit/planbot.service CONTENT "${PLANBOT_TEST_UNIT}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/packaging/planbot.service.in)
find_program(SYSTEMD_ANALYZE systemd-analyze)
if(SYSTEMD_ANALYZE)
  add_test(NAME "service: systemd-analyze verify planbot.service"
    COMMAND ${CMAKE_COMMAND} -DANALYZE=${SYSTEMD_ANALYZE} -DUNIT=${CMAKE_CURRENT_BINARY_DIR}/service-unit/planbot.service
            -P ${CMAKE_CURRENT_SOURCE_DIR}/verify_unit.cmake)
else()
  add_test(NAME "service: systemd-analyze verify (not installed: apt-get install systemd)"
    COMMAND ${CMAKE_COMMAND} -E false)
endif()
