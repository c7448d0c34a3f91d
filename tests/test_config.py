"""Configuration: discovery, profiles, parameters, selection, local rules, exemptions, init and schema."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from casebook import CLEAN_PROJECT, make_book

from perfcheck.config import Cli, Resolver, find_config, profile_names, resolve
from perfcheck.config.explain import rule_detail, rules_table, show, show_data
from perfcheck.config.template import init_text, json_schema, write_init
from perfcheck.engine import check_workbook
from perfcheck.errors import ConfigError, RuleError
from perfcheck.rules import load_rules

README = Path(__file__).parents[1] / "README.md"
THREE = {"indicators": CLEAN_PROJECT["indicators"][:2] + CLEAN_PROJECT["indicators"][4:5]}  # 3 indicators


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(findings: list) -> list[str]:
    return [f.rule for f in findings]


def readme_block(name: str) -> str:
    """The fenced block the README marks with `<!-- example: NAME -->` (so the README's example is what is tested)."""
    text = README.read_text(encoding="utf-8")
    m = re.search(rf"<!-- example: {re.escape(name)} -->\s*```\w*\n(.*?)```", text, re.DOTALL)
    assert m, f"README has no example {name}"
    return m.group(1)


# ---------------------------------------------------------------- defaults and parameters
def test_no_config_runs_every_enabled_rule_with_yaml_defaults() -> None:
    s = resolve(None)
    assert [r.code for r in s.rules] == [r.code for r in load_rules() if r.enabled]
    assert s.state("PC101").params == {"general_min": 3, "key_min": 5}
    assert s.state("PC101").origin("params.general_min") == "default"
    assert (s.profile, s.fail_on, s.lang) == ("default", "error", "zh")


def test_config_raises_general_minimum(tmp_path: Path) -> None:
    cfg = write(tmp_path / "perfcheck.yaml", "rules:\n  PC101:\n    params: {general_min: 4}\n    severity: warning\n")
    s = resolve(cfg)
    book = make_book([THREE])
    assert "PC101" not in codes(check_workbook(book, resolve(None).rules))
    (f,) = [f for f in check_workbook(book, s.rules) if f.rule == "PC101"]
    assert f.severity == "warning" and "不少于4个" in f.message
    st = s.state("PC101")
    assert st.params == {"general_min": 4, "key_min": 5}
    assert st.origin("params.general_min") == f"{cfg}:3" and st.origin("params.key_min") == "default"
    assert st.origin("severity") == f"{cfg}:4"


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("rules:\n  PC101:\n    params:\n      general_minimum: 4\n", 4, "没有参数“general_minimum”"),
    ("rules:\n  PC101:\n    params: {general_min: many}\n", 3, "general_min"),
    ("rules:\n  PC101:\n    severity: fatal\n", 3, "severity"),
    ("profile: default\nselct: [PC1]\n", 2, "未知的键"),
    ("rules:\n  PC999:\n    severity: info\n", 2, "不匹配任何规则"),
    ("rules:\n  PC1:\n    params: {general_min: 4}\n", 3, "前缀"),
    ("ignore:\n  - PC101\n  - pc2\n", 3, "不是规则代码或前缀"),
    ("select: [PC9]\n", 1, "不匹配任何规则"),
    ("profile: jiangbei\n", 1, "未知的配置方案"),
    ("exemptions:\n  - project: 教师进修培训\n    rules: [PC101]\n", 2, "reason"),
    ("exemptions:\n  - project: 教师进修培训\n    rules: [PC101]\n    reason: ' '\n", 4, "原因"),
    ("extra_rules: [rules/none.yaml]\n", 1, "找不到规则文件"),
    ("rules:\n  PC101: {params: {general_min: 4}\n", 3, "YAML"),
    ("- just a list\n", 1, "映射"),
])
def test_bad_config_names_file_line_and_reason(tmp_path: Path, text: str, line: int, reason: str) -> None:
    cfg = write(tmp_path / "perfcheck.yaml", text)
    with pytest.raises(ConfigError) as err:
        resolve(cfg)
    assert str(err.value).startswith(f"{cfg}:{line}: "), str(err.value)
    assert reason in str(err.value)
    assert "\n" not in str(err.value)


def test_pyproject_section_is_read_and_errors_name_its_line(tmp_path: Path) -> None:
    py = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.perfcheck]\nprofile = "strict"\n'
               'extend-select = ["PC1"]\n\n[tool.perfcheck.rules.PC101.params]\ngeneral_min = 4\n')
    s = resolve(py)
    assert s.profile == "strict" and s.state("PC101").params["general_min"] == 4
    assert s.state("PC101").origin("params.general_min") == f"{py}:9"
    write(py, py.read_text(encoding="utf-8").replace("general_min = 4", "general_min = 4\nkey_mini = 6"))
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(py))}:10: .*key_mini"):
        resolve(py)


# ---------------------------------------------------------------- profiles
def test_shipped_profiles() -> None:
    assert {"default", "jianghan", "strict"} <= set(profile_names())
    jianghan = resolve(None, Cli(profile="jianghan"))
    assert jianghan.state("PC502").params["threshold"] == 200
    assert jianghan.state("PC502").origin("params.threshold") == "profile jianghan"
    strict = resolve(None, Cli(profile="strict"))
    assert strict.state("PC305").params["floor"] == 85
    assert strict.state("PC103").params["cost"] == "required"
    assert strict.state("PC307").rule.severity == "warning"


def test_profile_numbers_change_findings() -> None:
    low = make_book([{"indicators": CLEAN_PROJECT["indicators"][:5] + [
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "体检老年人满意度", "value": "≥82%"}]}])
    assert "PC305" not in codes(check_workbook(low, resolve(None).rules))
    assert "PC305" in codes(check_workbook(low, resolve(None, Cli(profile="strict")).rules))
    no_cost = make_book([{"indicators": [i for i in CLEAN_PROJECT["indicators"] if not i["level1"].startswith("成本")]}])
    assert "PC103" in codes(check_workbook(no_cost, resolve(None, Cli(profile="strict")).rules))
    # 成本指标 filed as a 二级 under 产出 (a provincial framework) satisfies the same requirement
    under_output = make_book([{"indicators": [
        {**i, "level1": "产出指标", "level2": "成本指标"} if i["level1"].startswith("成本") else i
        for i in CLEAN_PROJECT["indicators"]]}])
    assert "PC103" not in codes(check_workbook(under_output, resolve(None, Cli(profile="strict")).rules))


def test_config_beats_profile_and_cli_beats_config(tmp_path: Path) -> None:
    cfg = write(tmp_path / "perfcheck.yaml", "profile: strict\nrules:\n  PC305:\n    params: {floor: 90}\n")
    s = resolve(cfg)
    assert s.state("PC305").params["floor"] == 90 and s.state("PC307").rule.severity == "warning"
    s = resolve(cfg, Cli(profile="default", severity=["PC307=error"]))
    assert s.profile == "default" and s.origins["profile"] == "CLI --profile"
    assert s.state("PC307").rule.severity == "error" and s.state("PC307").origin("severity") == "CLI --severity"


# ---------------------------------------------------------------- selection
def selected(s: object) -> set[str]:
    return {r.code for r in s.rules}  # type: ignore[attr-defined]


def test_select_ignore_by_code_and_prefix(tmp_path: Path) -> None:
    assert selected(resolve(None, Cli(select=["PC1"]))) == {f"PC10{i}" for i in range(1, 9)}
    assert selected(resolve(None, Cli(select=["PC101,PC2"]))) == {"PC101"} | {f"PC20{i}" for i in range(1, 9)}
    s = resolve(None, Cli(ignore=["PC3"], extend_select=["PC305"]))  # the more specific selector wins
    assert {c for c in selected(s) if c.startswith("PC3")} == {"PC305"}
    s = resolve(None, Cli(select=["PC30"], ignore=["PC30"]))  # a tie: ignore wins
    assert not {c for c in selected(s) if c.startswith("PC3")}
    cfg = write(tmp_path / "perfcheck.yaml", "select: [PC1]\nignore: [PC108]\n")
    assert selected(resolve(cfg)) == {f"PC10{i}" for i in range(1, 8)}
    s = resolve(cfg, Cli(ignore=["PC101"], extend_select=["PC201"]))
    assert selected(s) == {f"PC10{i}" for i in range(2, 8)} | {"PC201"}
    assert s.state("PC101").origin("selected") == "CLI --ignore"
    assert s.state("PC301").origin("selected") == f"{cfg}:1"


def test_cli_selector_errors_name_the_option() -> None:
    with pytest.raises(ConfigError, match=r"^--select: .*PC9"):
        resolve(None, Cli(select=["PC9"]))
    with pytest.raises(ConfigError, match=r"^--severity: .*代码=级别"):
        resolve(None, Cli(severity=["PC307:warning"]))


# ---------------------------------------------------------------- local rules (the README example)
def local_setup(tmp_path: Path, config: str | None = None) -> Path:
    write(tmp_path / "rules" / "local.yaml", readme_block("rules/local.yaml"))
    return write(tmp_path / "perfcheck.yaml", config if config is not None else readme_block("perfcheck.yaml"))


def test_readme_local_rules_fire(tmp_path: Path) -> None:
    cfg = local_setup(tmp_path)
    s = resolve(cfg)
    assert {"X101", "X102"} <= selected(s) and "X104" not in selected(s)
    book = make_book([
        {"name": "老年人助餐服务", "indicators": CLEAN_PROJECT["indicators"][:5] + [
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度", "value": "≥90%"}]},
        {"name": "城区道路维修", "amount": 800.0, "is_key": False},
    ])
    found = check_workbook(book, s.rules)
    x101 = [f for f in found if f.rule == "X101"]
    assert len(x101) == 1 and x101[0].indicator == "满意度" and "老年人助餐服务" in x101[0].message
    assert [f.project for f in found if f.rule == "X102"] == ["城区道路维修"]
    assert "X101" in rules_table(s) and "X104" in rules_table(s)
    assert "本区" in rule_detail(s.state("X101"))


def test_disabled_local_rule_needs_its_full_code(tmp_path: Path) -> None:
    cfg = local_setup(tmp_path, "extra_rules: [rules/local.yaml]\nextend_select: [X]\n")
    assert "X104" not in selected(resolve(cfg))
    cfg = local_setup(tmp_path, "extra_rules: [rules/local.yaml]\nextend_select: [X104]\n")
    s = resolve(cfg)
    assert "X104" in selected(s) and s.state("X104").rule.params == {"max_length": 20}
    long = make_book([{"indicators": CLEAN_PROJECT["indicators"][:5] + [
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "参加年度健康体检的辖区六十五岁以上老年人对体检服务的满意度",
         "value": "≥90%"}]}])
    assert "X104" in codes(check_workbook(long, s.rules))


HEAD = "- code: X1\n  title: 本地\n  severity: info\n  scope: project\n"
AMOUNT = "  condition: {field: amount, gt: 0}\n  message: 本地\n"


@pytest.mark.parametrize(("rule_text", "line", "reason"), [
    (HEAD.replace("X1", "PC901") + AMOUNT, 1, "PC 开头"),
    (HEAD + AMOUNT + HEAD + AMOUNT, 7, "重复"),
    (HEAD + AMOUNT.replace("amount", "amout"), 1, "未知字段“amout”"),
    (HEAD + "  check: indicator_count\n  params: {general_mni: 2}\n  message: 本地\n", 6, "general_mni"),
    (HEAD + "  check: indicator_count\n  where: {field: amount, gt: 0}\n  message: 本地\n", 1, "where"),
])
def test_bad_local_rule_file(tmp_path: Path, rule_text: str, line: int, reason: str) -> None:
    rules = write(tmp_path / "local.yaml", rule_text)
    cfg = write(tmp_path / "perfcheck.yaml", "extra_rules: [local.yaml]\n")
    with pytest.raises(RuleError) as err:
        resolve(cfg)
    assert str(err.value).startswith(f"{rules}:{line}: ") and reason in str(err.value), str(err.value)


# ---------------------------------------------------------------- discovery
def test_discovery_walks_up_and_nearest_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write(tmp_path / "perfcheck.yaml", "rules:\n  PC101: {params: {general_min: 4}}\n")
    sub = write(tmp_path / "江汉" / "pyproject.toml", "[tool.perfcheck]\nprofile = \"jianghan\"\n")
    write(tmp_path / "other" / "pyproject.toml", "[project]\nname = 'x'\n")  # no section: keep walking
    assert find_config(tmp_path / "a" / "b") == root
    assert find_config(tmp_path / "江汉" / "2024") == sub
    assert find_config(tmp_path / "other") == root
    elsewhere = tmp_path.parent / f"{tmp_path.name}-cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    r = Resolver()
    assert r.for_file(tmp_path / "a" / "goals.xlsx").state("PC101").params["general_min"] == 4
    assert r.for_file(tmp_path / "江汉" / "2024" / "goals.xlsx").state("PC502").params["threshold"] == 200
    assert r.rules_for(tmp_path / "a" / "x.xlsx") is not r.rules_for(tmp_path / "江汉" / "x.xlsx")
    assert r.root().config is None  # the working directory has none
    assert Resolver(Cli(config=sub)).for_file(tmp_path / "a" / "g.xlsx").profile == "jianghan"
    assert Resolver(Cli(isolated=True)).for_file(tmp_path / "a" / "g.xlsx").config is None


def test_extend_builds_on_another_file(tmp_path: Path) -> None:
    write(tmp_path / "province.yaml", "profile: strict\nignore: [PC307]\nrules:\n  PC101: {params: {general_min: 4}}\n")
    cfg = write(tmp_path / "district" / "perfcheck.yaml",
                "extend: ../province.yaml\nrules:\n  PC101: {params: {key_min: 6}}\n")
    s = resolve(cfg)
    assert s.profile == "strict" and "PC307" not in selected(s)
    assert s.state("PC101").params == {"general_min": 4, "key_min": 6}
    write(tmp_path / "province.yaml", "extend: district/perfcheck.yaml\n")
    with pytest.raises(ConfigError, match="循环"):
        resolve(cfg)


# ---------------------------------------------------------------- explain, show, schema, init
def test_show_names_the_origin_of_every_value(tmp_path: Path) -> None:
    cfg = write(tmp_path / "perfcheck.yaml", "profile: jianghan\nrules:\n  PC101:\n    params: {general_min: 4}\n")
    s = resolve(cfg, Cli(severity=["PC307=warning"]))
    text = show(s)
    assert f"profile: jianghan    # {cfg}:1" in text
    assert f"general_min: 4    # {cfg}:4" in text
    assert "threshold: 200.0    # profile jianghan" in text
    assert "key_min: 5    # default" in text
    data = show_data(s)
    assert data["rules"]["PC307"]["severity"] == {"value": "warning", "from": "CLI --severity"}
    assert json.loads(show(s, as_json=True))["profile"]["value"] == "jianghan"


def test_rules_table_and_rule_detail_languages() -> None:
    s = resolve(None, Cli(ignore=["PC307"]))
    zh, en = rules_table(s), rules_table(s, "en")
    assert "代码" in zh and "指标数量不足" in zh and re.search(r"PC307\s+提示\s+\S+\s+否", zh)
    assert "code" in en and "too few indicators" in en and re.search(r"PC101\s+error\s+.*yes", en)
    detail = rule_detail(s.state("PC502"))
    for part in ("PC502", "依据", "threshold: 100.0    # default", "new_only: true", "✗", "✓", "消息模板"):
        assert part in detail


def uncomment_rules(text: str) -> str:
    head, body = text.split("\nrules:\n")
    return head + "\nrules:\n" + "\n".join(line[2:] if line.startswith("#   ") else line for line in body.splitlines())


@pytest.mark.parametrize("profile", ["default", "strict"])
def test_init_template_round_trips(tmp_path: Path, profile: str) -> None:
    settings = resolve(None, Cli(profile=profile))
    text = init_text(settings)
    assert "general_min: 3" in text and "PC607" in text
    as_is = write(tmp_path / "a.yaml", text)
    opened = write(tmp_path / "b.yaml", uncomment_rules(text))
    for path in (as_is, opened):
        s = resolve(path)
        assert s.profile == profile
        assert [(x.rule.code, x.selected, x.rule.severity, x.params) for x in s.states] == \
               [(x.rule.code, x.selected, x.rule.severity, x.params) for x in settings.states]
    assert resolve(opened).state("PC101").origin("params.general_min").startswith(f"{opened}:")


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    target = write(tmp_path / "perfcheck.yaml", "profile: strict\n")
    with pytest.raises(ConfigError, match="已存在"):
        write_init(target, resolve(None))
    assert target.read_text(encoding="utf-8") == "profile: strict\n"


def test_schema_describes_each_rule_and_accepts_the_template(tmp_path: Path) -> None:
    schema = json_schema(resolve(None))
    pc101 = schema["properties"]["rules"]["properties"]["PC101"]["properties"]["params"]
    assert pc101["properties"]["general_min"]["default"] == 3 and pc101["additionalProperties"] is False
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    data = yaml.safe_load(uncomment_rules(init_text(resolve(None))))
    jsonschema.validate(data, schema)
    data["rules"]["PC101"]["params"]["general_minimum"] = 4
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_shipped_rules_keep_both_languages() -> None:
    """Local rules may be Chinese only; the shipped ones carry English titles and messages too."""
    for rule in load_rules():
        assert rule.title.en and rule.message.en, rule.code
