"""Password hashing: Argon2id with OWASP's recommended cost, sized for servers with few cores."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id at 19 MiB, 2 passes, 1 lane (OWASP Password Storage Cheat Sheet, the first of its equivalent
    settings). Django's own parameters (100 MiB, 8 lanes) spend 8 threads per sign-in, which on a 2-core
    server makes sign-ins queue behind each other without making a hash harder to guess per core-second.
    The hashes are ordinary `argon2$…` hashes that name their parameters: Django's hasher verifies them,
    and a hash made with other parameters is rehashed with these at the next sign-in."""

    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
