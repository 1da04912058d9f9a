# Unit tests of storage/: real SQLite, in memory or in a temporary folder.
add_executable(storage_tests
  unit/storage_test.cpp
  unit/storage_directory_test.cpp
  unit/storage_outbox_test.cpp)
target_link_libraries(storage_tests PRIVATE planbot_test_main planbot_storage Catch2::Catch2)
planbot_warnings(storage_tests)
catch_discover_tests(storage_tests TEST_PREFIX "storage: ")
