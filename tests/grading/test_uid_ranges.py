"""The sandbox's uid ranges never hold a system account: the grader's reaper kills every
process of its range at start-up, so a range holding ``nobody`` (65534) killed unrelated
services (a test's PostgreSQL server ran as nobody and died mid-test)."""

import pwd

from crosstrain.grading.jobs import FIRST_UID, UID_RANGE
from crosstrain.grading.labkernel import LAB_UIDS


def test_no_account_of_this_machine_lies_in_a_sandbox_uid_range():
    grader = range(FIRST_UID, FIRST_UID + UID_RANGE)
    taken = {entry.pw_uid: entry.pw_name for entry in pwd.getpwall()} | {65534: "nobody", 65535: "nogroup"}
    assert not [name for uid, name in taken.items() if uid in grader or uid in LAB_UIDS]


def test_lab_kernels_and_grading_kernels_never_share_a_uid():
    assert not set(LAB_UIDS) & set(range(FIRST_UID, FIRST_UID + UID_RANGE))
