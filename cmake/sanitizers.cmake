# Sanitizer and fuzzing builds (issue 16). Included from the top-level CMakeLists.txt
# before any target exists, so the flags below reach every library of ours.
#
#   -DPLANBOT_SANITIZE=address   AddressSanitizer + UndefinedBehaviorSanitizer (gcc or clang)
#   -DPLANBOT_SANITIZE=thread    ThreadSanitizer (the tests that use threads)
#   -DPLANBOT_FUZZ=ON            libFuzzer targets in fuzz/ (clang only), every library
#                                built with -fsanitize=fuzzer-no-link,address,undefined
#
# A finding stops the process (-fno-sanitize-recover=all), so it fails the test or run.
# CMakePresets.json names the usual combinations; tools/sanitize-suite and tools/fuzz
# build with them.
set(PLANBOT_SANITIZE "" CACHE STRING "Build with sanitizers: address (ASan+UBSan), thread (TSan) or empty")
set_property(CACHE PLANBOT_SANITIZE PROPERTY STRINGS "" address thread)
option(PLANBOT_FUZZ "Build the libFuzzer targets in fuzz/ (clang only)" OFF)

if(PLANBOT_FUZZ AND PLANBOT_SANITIZE)
  message(FATAL_ERROR "PLANBOT_FUZZ brings its own sanitizers (address, undefined); leave PLANBOT_SANITIZE empty")
endif()

# clang before 19 implements P0848 (conditionally trivial special members) but still
# defines __cpp_concepts as 201907, and libstdc++ 12 then hides std::expected. Telling
# it the truth is enough for clang 16 (Debian 12's clang-16 with its libstdc++ 12).
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 16
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 19)
  add_compile_options(-U__cpp_concepts -D__cpp_concepts=202002L)
endif()

set(planbot_sanitizer_flags "")
if(PLANBOT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PLANBOT_FUZZ needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}: configure with "
                        "-DCMAKE_CXX_COMPILER=clang++-16 (apt-get install clang-16 libclang-rt-16-dev), "
                        "or use tools/fuzz, which does")
  endif()
  set(planbot_sanitizer_flags -fsanitize=fuzzer-no-link,address,undefined)
elseif(PLANBOT_SANITIZE STREQUAL "address")
  set(planbot_sanitizer_flags -fsanitize=address,undefined)
elseif(PLANBOT_SANITIZE STREQUAL "thread")
  set(planbot_sanitizer_flags -fsanitize=thread)
elseif(PLANBOT_SANITIZE)
  message(FATAL_ERROR "PLANBOT_SANITIZE is address, thread or empty, not '${PLANBOT_SANITIZE}'")
endif()

if(planbot_sanitizer_flags)
  # Frame pointers for readable stacks; libstdc++'s own checks (operator[] out of
  # range, front() of an empty vector) abort too, since libstdc++ itself is not
  # instrumented.
  add_compile_options(${planbot_sanitizer_flags} -fno-sanitize-recover=all -fno-omit-frame-pointer
                      -D_GLIBCXX_ASSERTIONS)
  if(PLANBOT_FUZZ)
    # Executables link the sanitizers' runtimes; the fuzz targets add -fsanitize=fuzzer.
    add_link_options(-fsanitize=address,undefined)
  else()
    add_link_options(${planbot_sanitizer_flags})
  endif()
endif()
