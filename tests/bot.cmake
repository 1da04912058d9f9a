# Unit and socket-level tests of bot/: the Telegram adapter on real Update samples
# (tests/fixtures/telegram/), the rate limiter, the Bot API answers, the update
# handler on SQLite, the HTTP server with the real webhook routes, and the
# dispatcher against a stub Bot API server. Sockets only on 127.0.0.1.
add_executable(bot_tests
  unit/bot_adapter_test.cpp
  unit/bot_dispatch_test.cpp
  unit/bot_log_test.cpp
  unit/bot_rate_limiter_test.cpp
  unit/bot_scheduler_test.cpp
  unit/bot_telegram_api_test.cpp
  unit/bot_tls_test.cpp
  unit/bot_update_handler_test.cpp
  unit/bot_webhook_test.cpp)
target_link_libraries(bot_tests PRIVATE planbot_test_main planbot_bot Catch2::Catch2)
target_compile_definitions(bot_tests PRIVATE PLANBOT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
planbot_warnings(bot_tests)
catch_discover_tests(bot_tests TEST_PREFIX "bot: ")
