"""Vocabularies of the organisation tree (党委 → 总支 → 支部 → 党小组) and its committees."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

#: Organisation kinds, highest level first.
ORG_KINDS = {
    "committee": N_("Primary Party committee"),     # 基层党委
    "general_branch": N_("General Party branch"),   # 党总支
    "branch": N_("Party branch"),                   # 党支部
    "group": N_("Party group"),                     # 党小组
}
#: Which kinds may sit directly under which (None: at the top of the tree).
ALLOWED_PARENTS: dict[str, frozenset[str | None]] = {
    "committee": frozenset({None, "committee"}),
    "general_branch": frozenset({None, "committee"}),
    "branch": frozenset({None, "committee", "general_branch"}),
    "group": frozenset({"branch"}),
}

#: Where the organisation sits; decides the default term length (DESIGN §2).
SETTINGS_KINDS = {
    "village": N_("Village"),            # 村
    "community": N_("Community"),        # 社区
    "enterprise": N_("Enterprise"),      # 企业
    "institution": N_("Public institution"),
    "school": N_("School"),
    "other": N_("Other"),
}

COMMITTEE_ROLES = {
    "secretary": N_("Secretary"),                       # 书记
    "deputy_secretary": N_("Deputy secretary"),         # 副书记
    "organisation": N_("Organisation member"),          # 组织委员
    "propaganda": N_("Propaganda member"),              # 宣传委员
    "discipline": N_("Discipline inspection member"),   # 纪检委员
    "youth": N_("Youth member"),                        # 青年委员
    "women": N_("Women's member"),                      # 妇女委员
    "committee_member": N_("Committee member"),         # 委员
    "group_leader": N_("Group leader"),                 # 党小组组长
    "deputy_group_leader": N_("Deputy group leader"),   # 党小组副组长
}


def child_kinds(parent_kind: str | None) -> list[str]:
    """The kinds that may be created directly under an organisation of ``parent_kind``."""
    return [kind for kind, parents in ALLOWED_PARENTS.items() if parent_kind in parents]
