# Install test, run by ctest as `cmake -P`: cmake --install into WORK_DIR/prefix; configure,
# build and run consumer/ with find_package(xxgknb) against that prefix alone; compile and run
# the same main.cpp with the flags `pkg-config --static` gives for xxgknb.pc. Any step that
# fails fails the test with its output.
cmake_minimum_required(VERSION 3.25)

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${ARGN}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

# The consumer prints the JSON of SAMPLE: a report of the 2021 template with fields.
function(check_output how output)
  if(NOT output MATCHES "\"schema\":\"xxgknb.report/1\"" OR
     NOT output MATCHES "\"template\":\"v2021\"" OR
     NOT output MATCHES "\"t3.new_received.natural_person\"")
    message(FATAL_ERROR "the ${how} consumer printed no report of the sample:\n${output}")
  endif()
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

set(package_dir ${LIBDIR}/cmake/xxgknb)
foreach(path include/xxgknb/xxgknb.h ${LIBDIR}/libxxgknb.a ${package_dir}/xxgknbConfig.cmake
             ${package_dir}/xxgknbConfigVersion.cmake ${package_dir}/xxgknbTargets.cmake
             ${LIBDIR}/pkgconfig/xxgknb.pc bin/xxgknb)
  if(NOT EXISTS ${prefix}/${path})
    message(FATAL_ERROR "cmake --install did not install ${path}")
  endif()
endforeach()
file(GLOB_RECURSE installed_headers ${prefix}/include/*)
foreach(header IN LISTS installed_headers)
  file(READ ${header} text)
  if(text MATCHES "nlohmann")
    message(FATAL_ERROR "${header} includes nlohmann_json, which is private to the library")
  endif()
endforeach()

# The installed CLI finds its PDF module in LIBDIR/xxgknb/ and reads a PDF with it.
if(PDF_SAMPLE)
  if(NOT EXISTS ${prefix}/${LIBDIR}/xxgknb/xxgknb_pdf.so)
    message(FATAL_ERROR "cmake --install did not install ${LIBDIR}/xxgknb/xxgknb_pdf.so")
  endif()
  run("the installed CLI on a PDF" ${prefix}/bin/xxgknb extract ${PDF_SAMPLE})
  if(NOT run_output MATCHES "\"format\":\"pdf\"" OR NOT run_output MATCHES "\"template\":\"v2021\"")
    message(FATAL_ERROR "the installed CLI read no PDF:\n${run_output}")
  endif()
endif()

# find_package: the installed prefix only (no build tree, no package registry).
set(flags_args "")
if(CONSUMER_FLAGS)
  list(APPEND flags_args "-DCMAKE_CXX_FLAGS=${CONSUMER_FLAGS}"
                         "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_FLAGS}")
endif()
run("configuring the find_package consumer"
    ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/consumer-build
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_BUILD_TYPE=Release ${flags_args})
run("building the find_package consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/consumer-build)
run("running the find_package consumer" ${WORK_DIR}/consumer-build/xxgknb_consumer ${SAMPLE})
check_output("find_package" "${run_output}")

# pkg-config, if the machine has it.
find_program(PKG_CONFIG NAMES pkg-config pkgconf)
if(NOT PKG_CONFIG)
  message(STATUS "pkg-config not found: the pkg-config consumer is not built")
  return()
endif()
set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIBDIR}/pkgconfig)
run("pkg-config --cflags" ${PKG_CONFIG} --cflags xxgknb)
string(STRIP "${run_output}" cflags)
run("pkg-config --static --libs" ${PKG_CONFIG} --static --libs xxgknb)
string(STRIP "${run_output}" libs)
separate_arguments(cflags UNIX_COMMAND "${cflags}")
separate_arguments(libs UNIX_COMMAND "${libs}")
separate_arguments(extra UNIX_COMMAND "${CONSUMER_FLAGS}")
run("compiling the pkg-config consumer"
    ${CXX} ${extra} ${cflags} ${CONSUMER_DIR}/main.cpp -o ${WORK_DIR}/pkg-config-consumer ${libs})
run("running the pkg-config consumer" ${WORK_DIR}/pkg-config-consumer ${SAMPLE})
check_output("pkg-config" "${run_output}")
