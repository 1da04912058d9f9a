// See work_state.hpp.
