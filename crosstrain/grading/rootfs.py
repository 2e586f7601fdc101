"""A kernel's file system: a new root that holds only what an allow-list names.

Called by the launcher (``sandbox._private_namespace``) in the kernel's own mount
namespace, before it drops to the job's uid. It builds a root on a small tmpfs and
``pivot_root``s into it, so everything else on the machine (other checkouts and their
built courses, /srv, /opt, /home, /root, /var, /mnt, ...) is simply absent:

- the system folders (``SYSTEM``) read-only, or as the symlinks they are (Debian's
  /bin -> usr/bin); from /etc only ``ETC`` (name lookup, time zone, certificates,
  the loader's cache), never pip, npm or git settings, ssh keys or shadow files;
- a minimal /dev (``DEVICES``), the host's /proc read-only (kernels and psutil read
  /proc/self), private empty ``areas`` (/tmp, /var/tmp, /dev/shm);
- ``reveal`` (interpreter, site-packages, the ``crosstrain`` package, the recipes,
  the batch's worlds) read-only and the job folder read-write, each at the path it has
  on the host: a zygote's child has its libraries imported already, and what they
  import lazily must resolve at the same place;
- ``overlays`` show a readable copy in place of a folder only root may read, and
  ``secrets`` are then hidden even where a reveal brought them back.

Every source is opened (``O_PATH``) before anything is mounted and bound through
``/proc/self/fd``, so paths the staging mount covers (/tmp) still resolve. Where
``pivot_root`` is refused (a root that is not a mount point, as in an initramfs), the
new root is moved onto / and entered with ``chroot``: the kernel then runs as a uid
without privileges, which cannot leave a chroot. Standard library only: the launcher
runs this once per kernel.
"""

from __future__ import annotations

import ctypes
import os
import platform

#: Folders every Python kernel needs, shown read-only at their own path when present.
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
#: What a kernel needs from /etc: users and name lookup, time zone, certificates, the
#: dynamic loader's cache, MIME types and the alternatives links some libraries go through.
ETC = ("passwd", "group", "nsswitch.conf", "hosts", "host.conf", "gai.conf", "resolv.conf",
       "protocols", "services", "localtime", "timezone", "ssl", "ca-certificates",
       "ca-certificates.conf", "fonts", "matplotlibrc", "mime.types", "ld.so.cache",
       "ld.so.conf", "ld.so.conf.d", "alternatives", "os-release", "debian_version")
#: Device nodes a kernel may open (bound read-write: /dev/null must take writes).
DEVICES = ("null", "zero", "full", "random", "urandom", "tty")
DEVICE_LINKS = {"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0", "stdout": "/proc/self/fd/1",
                "stderr": "/proc/self/fd/2"}
#: Where the new root is assembled before the pivot; any folder of the old root would do.
STAGE = "/tmp"
#: The new root and /etc, /dev hold only folders, empty files and mount points.
SKELETON = "mode=0755,size=1m"

_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 1, 2, 4, 8
_MS_REMOUNT, _MS_BIND, _MS_MOVE, _MS_REC = 32, 4096, 8192, 16384
_MNT_DETACH = 2
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "ppc64le": 203, "s390x": 217}


def libc():
    lib = ctypes.CDLL(None, use_errno=True)
    lib.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
    return lib


def check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def tmpfs(lib, path: str, options: str, flags: int = _MS_NOSUID | _MS_NODEV) -> None:
    check(lib.mount(b"tmpfs", path.encode(), b"tmpfs", flags, options.encode()), f"tmpfs on {path}")


def enter(spec: dict) -> None:
    """Build the new root from ``spec`` (``sandbox.launcher_spec``) and make it ``/``.

    The caller has unshared the mount namespace and made every mount private."""
    lib = libc()
    job_dir = spec["job_dir"]
    system = [p for p in SYSTEM if os.path.lexists(p)]
    bound = [p for p in system if not os.path.islink(p)]
    # open every source before the staging mount may cover it
    binds = [(_open(p), p, True) for p in bound]
    binds += [(_open(f"/etc/{n}"), f"/etc/{n}", True) for n in ETC
              if os.path.exists(f"/etc/{n}") and not os.path.islink(f"/etc/{n}")]
    binds += [(_open(f"/dev/{n}"), f"/dev/{n}", False) for n in DEVICES if os.path.exists(f"/dev/{n}")]
    binds.append((_open("/proc"), "/proc", True))
    shown = sorted((p for p in spec["reveal"] if os.path.exists(p) and not _under(p, bound)), key=len)
    late = [(_open(p), p, True) for p in shown]
    late += [(_open(copy), target, True) for copy, target in spec["overlays"]]
    late.append((_open(job_dir), job_dir, False))
    links = {p: os.readlink(p) for p in system if os.path.islink(p)}
    links.update({f"/etc/{n}": os.readlink(f"/etc/{n}") for n in ETC if os.path.islink(f"/etc/{n}")})
    links.update({f"/dev/{n}": target for n, target in DEVICE_LINKS.items()})

    tmpfs(lib, STAGE, SKELETON)
    for folder, flags in (("/etc", _MS_NOSUID | _MS_NODEV), ("/dev", _MS_NOSUID | _MS_NOEXEC)):
        os.makedirs(STAGE + folder)
        tmpfs(lib, STAGE + folder, SKELETON, flags)
    for path, target in links.items():
        os.symlink(target, STAGE + path)
    _bind_all(lib, binds)
    for area in sorted(spec["areas"], key=len):  # private, empty; reveals may lie inside
        os.makedirs(STAGE + area, exist_ok=True)
        tmpfs(lib, STAGE + area, spec["areas"][area])
    _bind_all(lib, late)
    for secret in sorted(spec["secrets"], key=len):
        if os.path.isdir(STAGE + secret) and not _under(job_dir, [secret]):
            tmpfs(lib, STAGE + secret, SKELETON)
    _pivot(lib)
    check(lib.mount(None, b"/", None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID | _MS_NODEV, None),
          "read-only root")


def _open(path: str) -> int:
    return os.open(path, os.O_PATH | os.O_CLOEXEC)


def _under(path: str, folders) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


def _bind_all(lib, binds: list[tuple[int, str, bool]]) -> None:
    """Show each opened source at its own path in the new root, then close it."""
    for fd, path, read_only in binds:
        try:
            target = STAGE + path
            if os.path.isdir(f"/proc/self/fd/{fd}"):
                os.makedirs(target, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                if not os.path.lexists(target):
                    os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o644))
            check(lib.mount(f"/proc/self/fd/{fd}".encode(), target.encode(), None, _MS_BIND | _MS_REC, None),
                  f"show {path}")
            if read_only:
                flags = _MS_BIND | _MS_REMOUNT | _MS_RDONLY | _MS_NOSUID | _MS_NODEV
                check(lib.mount(None, target.encode(), None, flags, None), f"read-only {path}")
        finally:
            os.close(fd)


def _pivot(lib) -> None:
    """Make the staged root ``/`` and drop the old one from this namespace."""
    os.chdir(STAGE)
    number = _SYS_PIVOT_ROOT.get(platform.machine())
    if number is not None and lib.syscall(number, b".", b".") == 0:
        check(lib.umount2(b".", _MNT_DETACH), "detach the old root")  # stacked on the new one
    else:
        check(lib.mount(b".", b"/", None, _MS_MOVE, None), "move the new root onto /")
        os.chroot(".")
    os.chdir("/")
