"""Municipality size classes with the 2025 quickscan's bands (Q3), codes as in taxonomy.json.

The G4 are named by CBS code, not by population: they are a policy category."""

G4_CODES = frozenset({"GM0363", "GM0599", "GM0518", "GM0344"})  # Amsterdam, Rotterdam, Den Haag, Utrecht

G4 = "g4"
OVER_100K = "over_100k"
FROM_50K_TO_100K = "50k_100k"
UNDER_50K = "under_50k"
ORDER = (G4, OVER_100K, FROM_50K_TO_100K, UNDER_50K)


def size_class_for(cbs_code: str, population: int) -> str:
    if cbs_code in G4_CODES:
        return G4
    if population > 100_000:
        return OVER_100K
    if population >= 50_000:
        return FROM_50K_TO_100K
    return UNDER_50K
