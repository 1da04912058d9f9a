# End-to-end tests of planbot's Telegram mode against the telegram-test-api emulator
# (tests/e2e/telegram, run with Node's built-in test runner). Needs Node.js (18 or newer) and
# `npm ci` in tests/e2e/telegram before CMake is configured.
#
# The test files are named one by one: Node 20 searches a directory argument for test
# files, but Node 21 and later take arguments as globs and try to load a directory as a
# module, so a directory argument would break on a newer Node.
set(PLANBOT_TELEGRAM_E2E_DIR ${CMAKE_CURRENT_SOURCE_DIR}/e2e/telegram)
find_program(NODE_EXECUTABLE node)
if(NODE_EXECUTABLE AND EXISTS ${PLANBOT_TELEGRAM_E2E_DIR}/node_modules/telegram-test-api)
  add_test(NAME "e2e: telegram emulator"
    COMMAND ${NODE_EXECUTABLE} --test
      ${PLANBOT_TELEGRAM_E2E_DIR}/harness.test.mjs
      ${PLANBOT_TELEGRAM_E2E_DIR}/telegram.test.mjs
      ${PLANBOT_TELEGRAM_E2E_DIR}/tasks.test.mjs
      ${PLANBOT_TELEGRAM_E2E_DIR}/reminders.test.mjs
      ${PLANBOT_TELEGRAM_E2E_DIR}/forum.test.mjs
      ${PLANBOT_TELEGRAM_E2E_DIR}/crash.test.mjs
      ${PLANBOT_TELEGRAM_E2E_DIR}/metrics.test.mjs
      ${PLANBOT_TELEGRAM_E2E_DIR}/personal_data.test.mjs
    WORKING_DIRECTORY ${PLANBOT_TELEGRAM_E2E_DIR})
  set_tests_properties("e2e: telegram emulator" PROPERTIES
    ENVIRONMENT "PLANBOT_BINARY=$<TARGET_FILE:planbot>"
    TIMEOUT 300)
else()
  message(WARNING "Telegram e2e tests cannot run: node or tests/e2e/telegram/node_modules is missing. "
                  "Run `npm ci` in tests/e2e/telegram, then configure again.")
  # A missing emulator is a failing test, never a silent skip.
  add_test(NAME "e2e: telegram emulator (not installed: run npm ci in tests/e2e/telegram)"
    COMMAND ${CMAKE_COMMAND} -E false)
endif()
