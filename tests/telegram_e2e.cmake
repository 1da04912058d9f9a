# End-to-end tests of planbot's Telegram mode against the telegram-test-api emulator
# (tests/e2e/telegram, run with Node's built-in test runner). Needs Node.js (18 or newer) and
# `npm ci` in tests/e2e/telegram before CMake is configured.
#
# The test files are named one by one: Node 20 searches a directory argument for test
# files, but Node 21 and later take arguments as globs and try to load a directory as a
# module, so a directory argument would break on a newer Node. A new file needs its
# name in the list below.
set(PLANBOT_TELEGRAM_E2E_DIR ${CMAKE_CURRENT_SOURCE_DIR}/e2e/telegram)
find_program(NODE_EXECUTABLE node)
if(NODE_EXECUTABLE AND EXISTS ${PLANBOT_TELEGRAM_E2E_DIR}/node_modules/telegram-test-api)
  # One ctest entry per file, so `ctest -j2` runs two at a time and a failure names its file.
  foreach(name IN ITEMS harness telegram tasks reminders forum plan year crash crash_scale crash_storage operations
                        metrics personal_data outage abuse certificate privacy permissions token publish)
    add_test(NAME "e2e: telegram emulator: ${name}"
      COMMAND ${NODE_EXECUTABLE} --test ${PLANBOT_TELEGRAM_E2E_DIR}/${name}.test.mjs
      WORKING_DIRECTORY ${PLANBOT_TELEGRAM_E2E_DIR})
    set_tests_properties("e2e: telegram emulator: ${name}" PROPERTIES
      ENVIRONMENT "PLANBOT_BINARY=$<TARGET_FILE:planbot>;PLANBOT_E2E_TOOL=$<TARGET_FILE:e2e_tool>"
      TIMEOUT 300)
  endforeach()
else()
  message(WARNING "Telegram e2e tests cannot run: node or tests/e2e/telegram/node_modules is missing. "
                  "Run `npm ci` in tests/e2e/telegram, then configure again.")
  # A missing emulator is a failing test, never a silent skip.
  add_test(NAME "e2e: telegram emulator (not installed: run npm ci in tests/e2e/telegram)"
    COMMAND ${CMAKE_COMMAND} -E false)
endif()
