#!/usr/bin/env python3
"""Writes example-organisation.json: an invented province (东川省) with its prefectures and counties,
their offices, discipline and organisation departments, industry regulators, organs, news sites and
infrastructure operators, 200+ people with dated leadership teams, and one user per role.
Deterministic: the same file every run. Convert it to the workbook with the application:
  dotnet Investigation.Web.dll organisation-file --from example-organisation.json --to example-organisation.xlsx
"""
import json, os

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["建国", "志强", "海燕", "文斌", "秀英", "晓明", "立新", "国平", "丽华", "振华", "红梅", "伟", "静", "敏", "磊", "洋", "勇", "军", "杰", "娟",
         "涛", "明", "超", "霞", "平", "刚", "桂英", "玉兰", "德明", "宏伟", "春燕", "卫东", "国强", "建华", "永刚", "晓东", "子涵", "欣怡", "浩然", "思远"]

units, people, leadership, users = [], [], [], []
counter = [0]

def name():
    i = counter[0]
    counter[0] += 1
    return SURNAMES[(i * 7) % len(SURNAMES)] + GIVEN[(i * 11 + i // len(SURNAMES)) % len(GIVEN)]

def unit(code, name_, kind, level, parent=None, industry=None, regulator=None, retired=False):
    units.append({"code": code, "name": name_, "kind": kind, "level": level, "parent": parent,
                  "industry": industry, "regulator": regulator, "retired": retired})
    return code

def person(unit_code, post, managed_by, retired=False):
    code = "P%04d" % (len(people) + 1)
    people.append({"code": code, "name": name(), "post": post, "unit": unit_code,
                   "managingOrganisation": managed_by, "retired": retired})
    return code

def post(unit_code, role, person_code, from_, to=None):
    leadership.append({"unit": unit_code, "post": role, "person": person_code, "from": from_, "to": to})

def team(unit_code, managed_by, main_post, security_post, others=1, staff=1, since="2021-06-01", history=False):
    if history:
        # The previous main person in charge, who left on 2024-03-31 and has retired.
        former = person(unit_code, "原" + main_post, managed_by, retired=True)
        post(unit_code, "主要负责人", former, "2018-09-01", "2024-03-31")
        main = person(unit_code, main_post, managed_by)
        post(unit_code, "主要负责人", main, "2024-04-01")
    else:
        main = person(unit_code, main_post, managed_by)
        post(unit_code, "主要负责人", main, since)
    security = person(unit_code, security_post, managed_by)
    post(unit_code, "主管网络安全的领导班子成员", security, since)
    for i in range(others):
        m = person(unit_code, "领导班子成员", managed_by)
        post(unit_code, "其他领导班子成员", m, since)
    for post_name in ["网络安全管理员", "信息中心主任", "网站运维工程师"][:staff]:
        person(unit_code, post_name, unit_code)

def region(code, label, level, parent, managed_by, counties=(), lvl_name=""):
    committee = unit(code, f"{label}委", "地方党委", level, parent)
    team(committee, managed_by, f"{label}委书记", f"{label}委常委、秘书长", others=2, staff=0, history=(code == "DC"))
    office = unit(f"{code}-WXB", f"{label}委网信办", "网络安全和信息化领导机构办公室", level, code)
    team(office, code, f"{label}委网信办主任", f"{label}委网信办副主任", staff=2)
    dis = unit(f"{code}-JW", f"{label}纪委监委", "纪委（纪检组）", level, code)
    team(dis, code, f"{label}纪委书记", f"{label}纪委副书记", staff=1)
    org = unit(f"{code}-ZZB", f"{label}委组织部", "干部主管部门", level, code)
    team(org, code, f"{label}委组织部部长", f"{label}委组织部副部长", staff=1)
    return committee

# The province
region("DC", "东川省", "省级", None, "DC")
for code, label, industry in [("DC-NY", "东川省能源局", "能源"), ("DC-TX", "东川省通信管理局", "通信"),
                              ("DC-JY", "东川省教育厅", "教育"), ("DC-WJ", "东川省卫生健康委", "卫生健康"),
                              ("DC-JR", "东川省地方金融管理局", "金融")]:
    unit(code, label, "行业主管监管部门", "省级", "DC", industry)
    team(code, "DC", label.replace("东川省", "") + "主要负责人", "分管网络安全的副职", staff=1)
for code, label, kind, industry in [("DC-ZFB", "东川省人民政府办公厅", "党政机关", "政务"), ("DC-RB", "东川日报社", "重点新闻网站", "新闻"),
                                    ("DC-DW", "东川省电力公司", "关键信息基础设施运营者", "能源"),
                                    ("DC-YD", "东川移动通信公司", "关键信息基础设施运营者", "通信"),
                                    ("DC-ZWY", "东川政务云平台", "大型网络平台", "政务")]:
    unit(code, label, kind, "省级", "DC", industry)
    team(code, "DC", "主要负责人", "副职（分管网络安全）", staff=2, history=(code == "DC-DW"))

# Prefectures and their counties
prefectures = [("HY", "河阳市", ["HY-QS:青山县", "HY-LS:柳溪县", "HY-BS:白沙县"]),
               ("SL", "石岭市", ["SL-MD:梅渡县", "SL-YQ:云桥县"]),
               ("NP", "南浦市", ["NP-XT:杏田县", "NP-DK:东口县"])]
for code, label, counties in prefectures:
    region(code, label, "地市级", "DC", "DC")
    unit(f"{code}-JYJ", f"{label}教育局", "行业主管监管部门", "地市级", code, "教育")
    team(f"{code}-JYJ", code, "局长", "副局长（分管网络安全）", staff=1)
    unit(f"{code}-ZF", f"{label}人民政府", "党政机关", "地市级", code, "政务")
    team(f"{code}-ZF", code, "市政府秘书长", "副秘书长（分管网络安全）", others=2, staff=2, history=(code == "HY"))
    unit(f"{code}-GD", f"{label}供电公司", "关键信息基础设施运营者", "地市级", code, "能源")
    team(f"{code}-GD", code, "总经理", "副总经理（分管网络安全）", staff=1)
    unit(f"{code}-XW", f"{label}新闻网", "重点新闻网站", "地市级", code, "新闻", regulator=None)
    team(f"{code}-XW", code, "总编辑", "副总编辑（分管网络安全）", staff=1)
    unit(f"{code}-RM", f"{label}人民医院", "关键信息基础设施运营者", "地市级", code, "卫生健康", regulator="DC-WJ")
    team(f"{code}-RM", code, "院长", "副院长（分管网络安全）", staff=1)
    for county in counties:
        ccode, clabel = county.split(":")
        unit(ccode, f"{clabel}委", "地方党委", "县级", code)
        team(ccode, code, f"{clabel}委书记", f"{clabel}委常委", others=1, staff=0)
        unit(f"{ccode}-WXB", f"{clabel}委网信办", "网络安全和信息化领导机构办公室", "县级", ccode)
        team(f"{ccode}-WXB", ccode, "县委网信办主任", "县委网信办副主任", others=0, staff=1)
        unit(f"{ccode}-ZF", f"{clabel}人民政府", "党政机关", "县级", ccode, "政务")
        team(f"{ccode}-ZF", ccode, "县政府办主任", "副主任（分管网络安全）", others=1, staff=1)
        unit(f"{ccode}-RM", f"{clabel}融媒体中心", "重点新闻网站", "县级", ccode, "新闻")
        team(f"{ccode}-RM", ccode, "主任", "副主任（分管网络安全）", others=0, staff=1)

# A unit merged away in 2023: retired, kept with its people and history.
unit("HY-XXZX", "河阳市信息中心（已并入市政府）", "党政机关", "地市级", "HY", "政务", retired=True)
former = person("HY-XXZX", "原主任", "HY", retired=True)
post("HY-XXZX", "主要负责人", former, "2016-01-01", "2023-06-30")
post("HY-XXZX", "主管网络安全的领导班子成员", former, "2016-01-01", "2023-06-30")

roles = [("caseofficer", "省委网信办 案件专员", "DC-WXB", "CaseOfficer"),
         ("investigator", "省委网信办 调查组组长", "DC-WXB", "Investigator"),
         ("investigator2", "省委网信办 调查组组员", "DC-WXB", "Investigator"),
         ("disciplinereviewer", "省纪委监委 审核员", "DC-JW", "DisciplineReviewer"),
         ("disciplinereviewer2", "省纪委监委 审核员二", "DC-JW", "DisciplineReviewer"),
         ("disciplineapprover", "省纪委监委 审批人", "DC-JW", "DisciplineApprover"),
         ("partycommittee", "东川省委 办公厅", "DC", "PartyCommittee"),
         ("cadremanagement", "省委组织部 干部处", "DC-ZZB", "CadreManagement"),
         ("auditor", "省审计员", "DC", "Auditor"),
         ("caseofficer-hy", "河阳市委网信办 案件专员", "HY-WXB", "CaseOfficer"),
         ("investigator-hy", "河阳市 调查员", "HY-WXB", "Investigator"),
         ("caseofficer-sl", "石岭市委网信办 案件专员", "SL-WXB", "CaseOfficer"),
         ("caseofficer-np", "南浦市委网信办 案件专员", "NP-WXB", "CaseOfficer")]
# A user sees their unit and the units below it: people who work the cases of a region sit at its committee.
for user_name, display, unit_code, role in roles:
    unit_code = unit_code.split("-")[0]
    users.append({"userName": user_name, "displayName": display, "unit": unit_code, "roles": role})

assert len(people) >= 200, len(people)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "example-organisation.json"), "w", encoding="utf-8") as f:
    json.dump({"units": units, "people": people, "leadership": leadership, "users": users}, f, ensure_ascii=False, indent=2)
    f.write("\n")
print(len(units), "units,", len(people), "people,", len(leadership), "posts,", len(users), "users")
