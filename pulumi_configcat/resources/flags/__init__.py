"""The targeting language and the resources that write it: one home for flag values.

* ``_rules``: pulumiverse's nested shapes (values, targeting rules, conditions, rollout rules, percentage
  options and items, predefined variations) as pydantic models, parsed and compared for ``diff``;
* ``_checks``: the rules that span fields (one type per flag, comparators against comparison values,
  percentages that add up, ConfigCat's limits);
* ``_formulas``: to and from the API's models, typed by the flag's type;
* ``_values``: what the value resources do alike; ``_prerequisites``: deleting a flag other flags' rules use;
* the four value resources: ``setting_values`` (``SettingValue``, Config V1), ``setting_values_v2``
  (``SettingValueV2``), ``config_values`` (``ConfigValues`` and ``ConfigValuesV2``, a config's values in one
  environment at once).
"""
