# End-to-end tests of planbot on Slack against the Slack stand-in (tests/e2e/slack/stand_in.mjs,
# Node's built-ins only), run with Node's built-in test runner. both_platforms also runs
# Telegram beside Slack, with the emulator of tests/e2e/telegram (`npm ci` there).
#
# The files are named one by one, as in telegram_e2e.cmake (Node 21 and later take a
# directory argument as a module). A new file needs its name in the list below.
# stand_in tests the stand-in itself (Slack's signing example and its answers), without planbot.
set(PLANBOT_SLACK_E2E_DIR ${CMAKE_CURRENT_SOURCE_DIR}/e2e/slack)
find_program(NODE_EXECUTABLE node)
if(NODE_EXECUTABLE)
  set(planbot_slack_e2e_files stand_in slack slack_security slack_reminders slack_crash slack_outage)
  # Without the emulator, telegram_e2e.cmake registers a failing test that says to run npm ci.
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/e2e/telegram/node_modules/telegram-test-api)
    list(APPEND planbot_slack_e2e_files both_platforms)
  endif()
  # One ctest entry per file, so `ctest -j2` runs two at a time and a failure names its file.
  # TIMEOUT: above the sum of a file's test timeouts, which grow with the sanitizers' slower
  # clock (E2E_CLOCK_RATE=12000: three times, stack.mjs's SCALE and SLOW), so that Node, not
  # ctest, names a test that hangs.
  foreach(name IN LISTS planbot_slack_e2e_files)
    add_test(NAME "e2e: slack stand-in: ${name}"
      COMMAND ${NODE_EXECUTABLE} --test ${PLANBOT_SLACK_E2E_DIR}/${name}.test.mjs
      WORKING_DIRECTORY ${PLANBOT_SLACK_E2E_DIR})
    set_tests_properties("e2e: slack stand-in: ${name}" PROPERTIES
      ENVIRONMENT "PLANBOT_BINARY=$<TARGET_FILE:planbot>;PLANBOT_E2E_TOOL=$<TARGET_FILE:e2e_tool>"
      TIMEOUT 600)
  endforeach()
  # The files with a fast clock run one at a time: beside each other on two cores, a tick
  # of planbot's scheduler can span hours of its clock and make a reminder late.
  foreach(name IN ITEMS slack_reminders both_platforms)
    if(name IN_LIST planbot_slack_e2e_files)
      set_tests_properties("e2e: slack stand-in: ${name}" PROPERTIES RESOURCE_LOCK fast_clock)
    endif()
  endforeach()
else()
  message(WARNING "Slack e2e tests cannot run: node is missing.")
  # A missing Node is a failing test, never a silent skip.
  add_test(NAME "e2e: slack stand-in (node not installed)" COMMAND ${CMAKE_COMMAND} -E false)
endif()
