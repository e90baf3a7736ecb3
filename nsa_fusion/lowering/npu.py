"""Ascend lowering (placeholder, filled by the NPU issue)."""
def vendor_op_available():
    return False
def register_ge_converters():
    pass
