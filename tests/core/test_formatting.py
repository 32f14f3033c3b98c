"""Norwegian text helpers: alphabetical order and soft hyphens at compound joints."""

from builder.core.formatting import SOFT_HYPHEN, norwegian_key, soft_hyphens


def test_norwegian_order_puts_ae_o_a_after_z():
    assert sorted(["Åsnes", "Ørsta", "Ærøy", "Zeta", "alta", "Bø"], key=norwegian_key) == [
        "alta", "Bø", "Zeta", "Ærøy", "Ørsta", "Åsnes"]


def test_soft_hyphens_only_at_known_joints_and_case_is_kept():
    assert soft_hyphens("Kvalitetskommuneprogrammet") == f"Kvalitets{SOFT_HYPHEN}kommune{SOFT_HYPHEN}programmet"
    assert soft_hyphens("Egne data og kunnskapsgrunnlag.") == f"Egne data og kunnskaps{SOFT_HYPHEN}grunnlag."
    assert soft_hyphens("Sykefravær i Innsatskommunene") == "Sykefravær i Innsatskommunene"
    assert soft_hyphens("") == ""
