"""The targeting language and the resources that write it: one home for flag values.

* the shapes, one class each that parses, checks, compares and converts itself: ``_conditions`` (the
  Config V2 shapes' base and the conditions), ``_targeting`` (V2 rules, percentage options, a flag's whole
  value), ``_rollout`` (Config V1); ``_served`` and ``_scalars`` (served values, the scalars as the engine
  sends them); ``_checks`` (ConfigCat's limits and what the checks share); ``_rules`` and ``_rules_v1``
  (the input kinds);
* ``_dialect`` (what the evaluation version decides: ``_dialect_v1``, ``_dialect_v2``), ``_single`` and
  ``_batch`` (the two value providers), ``_values`` (what the value resources do alike),
  ``_prerequisites`` (deleting a flag that other flags' rules use);
* the four value resources: ``setting_values`` (``SettingValue``, Config V1), ``setting_values_v2``
  (``SettingValueV2``), ``config_values`` (``ConfigValues``) and ``config_values_v2`` (``ConfigValuesV2``),
  a config's values in one environment at once.

A Config V2 value's provider imports none of Config V1's modules (``_rollout``, ``_rules_v1``,
``_dialect_v1``, nor V1's wire models and endpoints): a provider process imports what it serves.
"""
