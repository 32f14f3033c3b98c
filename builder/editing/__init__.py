"""The editing form and the editors' tools: the form's configuration (``cms_config``), its checks
exported from the rules of ``validate`` (``form_checks``), its preview data (``form_preview``), the
new-case skeleton (``new_case``) and the problems reported on a pull request (``pr_report``).

May import: ``builder.core``, ``builder.sources``, ``builder.knowledge``, ``builder.charts``.
"""
