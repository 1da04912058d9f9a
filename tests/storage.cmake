# Unit tests of storage/: real SQLite, in memory or in a temporary folder.
add_executable(storage_tests
  unit/storage_test.cpp
  unit/storage_directory_test.cpp
  unit/storage_outbox_test.cpp
  unit/storage_work_state_test.cpp
  unit/storage_reminder_log_test.cpp
  unit/storage_forum_test.cpp)
target_link_libraries(storage_tests PRIVATE planbot_test_main planbot_storage Catch2::Catch2)
target_compile_definitions(storage_tests PRIVATE PLANBOT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
planbot_warnings(storage_tests)
catch_discover_tests(storage_tests TEST_PREFIX "storage: ")
