"""Configuration: perfcheck.yaml / [tool.perfcheck], profiles, selection, parameters and exemptions.

`Resolver(Cli(...))` finds the config of each input file and resolves it into `Settings`
(the rules to run, with severities and parameters applied, and where each value came from).
"""
from __future__ import annotations

from .model import ConfigFile, Exemption, ProfileFile, RuleSettings
from .resolve import Cli, RuleState, Settings, builtin_rules, resolve
from .resolver import Resolver, accept_known, apply_exemptions, cli_settings, exempted
from .source import find_config, profile_names

__all__ = [
           "Cli",
           "ConfigFile",
           "Exemption",
           "ProfileFile",
           "Resolver",
           "RuleSettings",
           "RuleState",
           "Settings",
           "accept_known",
           "apply_exemptions",
           "builtin_rules",
           "cli_settings",
           "exempted",
           "find_config",
           "profile_names",
           "resolve",
]
