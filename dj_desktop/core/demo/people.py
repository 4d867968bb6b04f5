"""Plausible made-up people for demo data: names with realistic surname frequencies,
ID numbers consistent with birth date and gender, phones, native places."""

from __future__ import annotations

import random
from datetime import date, timedelta

from dj_desktop.core.rules.id_number import make_id_number

#: The most common surnames with their approximate share (per mille) of the population.
SURNAMES = (
    ("王", 72), ("李", 71), ("张", 69), ("刘", 54), ("陈", 46), ("杨", 32), ("黄", 23), ("赵", 22),
    ("吴", 21), ("周", 21), ("徐", 17), ("孙", 16), ("马", 15), ("朱", 14), ("胡", 13), ("郭", 12),
    ("何", 12), ("林", 11), ("高", 11), ("罗", 10), ("郑", 10), ("梁", 9), ("谢", 8), ("宋", 7),
    ("唐", 7), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 6), ("彭", 6), ("曾", 6),
    ("萧", 6), ("田", 5), ("董", 5), ("潘", 5), ("袁", 5), ("蔡", 5), ("蒋", 5), ("余", 5),
)
_SURNAME_CHARS = [s for s, _w in SURNAMES]
_SURNAME_WEIGHTS = [w for _s, w in SURNAMES]

MALE_CHARS = "伟强军磊勇杰涛斌超明刚平辉鹏华飞建国志文海波林峰宇浩东亮振兴德福成庆忠"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英华玲红梅燕萍洁琳雪颖慧婷桂兰凤琴云莉佳月"

#: (native place, 6-digit area code used at birth registration, weight)
NATIVE_PLACES = (
    ("北京市东城区", "110101", 30), ("北京市朝阳区", "110105", 8), ("天津市和平区", "120101", 4),
    ("河北省保定市", "130602", 8), ("山西省太原市", "140105", 3), ("内蒙古自治区呼和浩特市", "150102", 2),
    ("辽宁省沈阳市", "210102", 3), ("黑龙江省哈尔滨市", "230102", 3), ("江苏省南京市", "320102", 3),
    ("安徽省合肥市", "340102", 3), ("山东省济南市", "370102", 6), ("河南省郑州市", "410102", 6),
    ("湖北省武汉市", "420102", 3), ("四川省成都市", "510104", 3),
)

ETHNICITIES = (("汉族", 92), ("回族", 3), ("满族", 3), ("蒙古族", 1), ("朝鲜族", 1))
MOBILE_PREFIXES = ("133", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159",
                   "177", "180", "186", "187", "188", "189", "199")


class PersonFactory:
    """Draws people from one seeded ``random.Random``; ID numbers never repeat."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used_ids: set[str] = set()
        self._used_names: set[str] = set()

    def gender(self, *, male_share: float = 0.6) -> str:
        return "male" if self._rng.random() < male_share else "female"

    def name(self, gender: str) -> str:
        chars = MALE_CHARS if gender == "male" else FEMALE_CHARS
        for _attempt in range(20):
            surname = self._rng.choices(_SURNAME_CHARS, _SURNAME_WEIGHTS)[0]
            given = "".join(self._rng.choice(chars) for _i in range(self._rng.choice((1, 2, 2, 2))))
            if surname + given not in self._used_names:
                break
        self._used_names.add(surname + given)
        return surname + given

    def birth_date(self, *, age_low: int, age_high: int, today: date) -> date:
        days = self._rng.randint(age_low * 365 + 1, age_high * 365 + 300)
        return today - timedelta(days=days)

    def native_place(self) -> tuple[str, str]:
        place, code, _w = self._rng.choices(NATIVE_PLACES, [w for *_rest, w in NATIVE_PLACES])[0]
        return place, code

    def id_number(self, region: str, birth_date: date, gender: str) -> str:
        while True:
            number = make_id_number(region, birth_date, self._rng.randrange(499), gender=gender)
            if number not in self._used_ids:
                self._used_ids.add(number)
                return number

    def ethnicity(self) -> str:
        return self._rng.choices([e for e, _w in ETHNICITIES], [w for _e, w in ETHNICITIES])[0]

    def phone(self) -> str:
        return self._rng.choice(MOBILE_PREFIXES) + "".join(str(self._rng.randrange(10)) for _i in range(8))

    def education(self, birth_date: date) -> str:
        if birth_date.year < 1955:
            return self._rng.choice(("小学", "初中", "初中", "高中", "中专"))
        if birth_date.year < 1975:
            return self._rng.choice(("初中", "高中", "中专", "大专", "大学本科"))
        return self._rng.choice(("大专", "大学本科", "大学本科", "大学本科", "硕士研究生"))
