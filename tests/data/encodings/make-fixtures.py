#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the encoding fixtures of tests/core/test-encoding.c.

Each fixture is a realistic survey export (a header and 80 responses with free-text comments,
some of them spanning two lines inside quotes) in one of the encodings the importer meets in the
wild: French in UTF-8 (with and without BOM), Windows-1252 and ISO-8859-1, Excel "Unicode text"
(tab-separated UTF-16 with and without BOM), Arabic in Windows-1256 and ISO-8859-6, Russian in
Windows-1251 and KOI8-R.  expected/ holds the UTF-8 text each fixture must decode to.

The output is deterministic (random.Random with a fixed seed, no clock, no locale):

    python3 make-fixtures.py            # (re)write the fixtures beside this script
    python3 make-fixtures.py --check    # exit 1 if the committed fixtures are out of date
"""

import argparse
import csv
import io
import os
import random
import sys

SEED = 20240611
ROWS = 80
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# French (Excel in France writes ';'-separated CSV)

FR_HEADER = ["ID de réponse", "Date de soumission", "Région", "Tranche d'âge",
             "Satisfaction générale", "Qualité de l'accueil",
             "Probabilité de recommandation (0-10)", "Commentaire"]
FR_REGIONS = ["Île-de-France", "Auvergne-Rhône-Alpes", "Provence-Alpes-Côte d'Azur",
              "Hauts-de-France", "Grand Est", "Occitanie", "Nouvelle-Aquitaine", "Bretagne",
              "Pays de la Loire", "Normandie", "Bourgogne-Franche-Comté", "Centre-Val de Loire",
              "Corse"]
FR_AGES = ["18-24 ans", "25-34 ans", "35-44 ans", "45-54 ans", "55-64 ans", "65 ans et plus"]
FR_SATISFACTION = ["Très insatisfait", "Plutôt insatisfait", "Ni satisfait ni insatisfait",
                   "Plutôt satisfait", "Très satisfait"]
FR_SERVICE = ["Médiocre", "Passable", "Correct", "Bon", "Excellent"]
FR_COMMENTS = [
    "Accueil très chaleureux, le personnel a été à l’écoute du début à la fin.",
    "Le délai de livraison était beaucoup trop long : trois semaines pour un colis « express ».",
    "J'ai reçu ma commande en parfait état, rien à redire.",
    "Les frais de port sont élevés par rapport à la concurrence.",
    "Le service après-vente m'a rappelé dès le lendemain, c'est appréciable.",
    "Produit conforme à la description ; l'emballage, en revanche, laisse à désirer.",
    "Ma sœur m'avait recommandé votre boutique et je ne regrette pas.",
    "Un vrai travail d'orfèvre, on sent le savoir-faire et le cœur à l'ouvrage.",
    "Difficile de trouver le numéro du service client sur le site.",
    "La façon dont ma réclamation a été traitée m'a beaucoup déçu.",
    "Très bon rapport qualité/prix, je recommanderai sans hésiter.",
    "Le vendeur m’a conseillé un modèle « plus adapté »… mais surtout plus cher.",
    "Livraison à domicile impossible le week-end, dommage.",
    "Interface du site claire, paiement rapide et sécurisé.",
    "Ça fait trois fois que je commande : toujours aussi satisfait !",
    "L'hôtesse au téléphone était désagréable et pressée.",
    "Les délais annoncés n'ont pas été respectés, aucune excuse reçue.",
    "Points positifs : l'accueil, le choix.\n"
    "Points négatifs : l'attente en caisse (plus de 20 minutes).",
    "Œuvre reçue intacte, emballage soigné, bravo à l'équipe.",
    "Rien à signaler.",
    "Prix affiché 49,90 € mais facturé 54,90 € : erreur corrigée après réclamation.",
    "Le magasin de Besançon est bien rangé, les caissières sont aimables.",
    "Je n'ai jamais reçu la facture demandée à plusieurs reprises.",
    "Application mobile pratique, mais les notifications sont trop nombreuses.",
    "Hôtel réservé via votre site : chambre propre, petit-déjeuner copieux, accueil génial.",
    "Le colis est arrivé ouvert ; il manquait un élément du lot.",
    "Conseils avisés, démonstration du produit très claire, j’ai été bien reçu.",
    "Trop d'attente au guichet, un seul employé pour tout le monde.",
    "Qualité irréprochable, je reviendrai à coup sûr l’année prochaine.",
    "Site très lent le soir, la page de paiement a planté deux fois.",
    "Retour gratuit et remboursement en 48 h, rien à dire.",
    "Je regrette la fermeture de l'agence de Saint-Étienne, c'était plus simple.",
]

# ---------------------------------------------------------------------------------------------
# Arabic

AR_HEADER = ["رقم الاستجابة", "تاريخ الإرسال", "المدينة", "الفئة العمرية", "الرضا العام",
             "جودة الخدمة", "احتمال التوصية (0-10)", "تعليق"]
AR_CITIES = ["الرياض", "جدة", "مكة المكرمة", "المدينة المنورة", "الدمام", "القاهرة",
             "الإسكندرية", "عمّان", "بيروت", "الدار البيضاء", "تونس", "الجزائر", "دبي", "الدوحة",
             "الكويت", "مسقط"]
AR_AGES = ["18-24", "25-34", "35-44", "45-54", "55-64", "65 فأكثر"]
AR_SATISFACTION = ["غير راض إطلاقا", "غير راض", "محايد", "راض", "راض جدا"]
AR_SERVICE = ["ضعيفة", "مقبولة", "جيدة", "جيدة جدا", "ممتازة"]
AR_COMMENTS = [
    "الخدمة ممتازة والموظفون متعاونون جدا",
    "تأخر التوصيل أكثر من أسبوعين دون أي اعتذار",
    "الأسعار مرتفعة مقارنة بالمتاجر الأخرى",
    "تجربة رائعة، سأكرر الشراء بالتأكيد",
    "لم يرد أحد على اتصالاتي المتكررة بخدمة العملاء",
    "المنتج مطابق للوصف والتغليف ممتاز",
    "الموقع سهل الاستخدام لكن الدفع الإلكتروني بطيء",
    "أنصح الجميع بالتعامل مع هذا المتجر",
    "وصل الطلب ناقصا قطعة واحدة، وتم تعويضي بعد أسبوع",
    "موظف الاستقبال كان لطيفا ومحترما",
    "خدمة ما بعد البيع تحتاج إلى تحسين كبير",
    "هل يمكن إضافة خيار الدفع عند الاستلام؟",
    "الجودة جيدة لكن المقاسات غير دقيقة",
    "شكرا لكم على سرعة الاستجابة",
    "انتظرت في الطابور نصف ساعة؛ هذا غير مقبول",
    "أسعار الشحن إلى المدن الصغيرة مبالغ فيها",
    "التطبيق يتوقف فجأة عند إتمام الطلب",
    "الإيجابيات: سرعة التوصيل والتغليف الجيد\nالسلبيات: ارتفاع الأسعار",
    "لا توجد ملاحظات",
    "فرع الرياض نظيف ومنظم والموظفون يرحبون بالعملاء",
    "طلبت استرجاع المبلغ منذ شهر ولم يصلني شيء حتى الآن",
    "العروض الأسبوعية مفيدة جدا للعائلات",
    "المنتجات أصلية والضمان واضح",
    "أتمنى توفير خدمة التوصيل في نهاية الأسبوع",
]

# ---------------------------------------------------------------------------------------------
# Russian (KOI8-R has neither guillemets nor dashes: the comments use ASCII quotes and hyphens)

RU_HEADER = ["Номер ответа", "Дата отправки", "Город", "Возрастная группа",
             "Общая удовлетворённость", "Качество обслуживания",
             "Готовность рекомендовать (0-10)", "Комментарий"]
RU_CITIES = ["Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань",
             "Нижний Новгород", "Челябинск", "Самара", "Омск", "Ростов-на-Дону", "Уфа",
             "Красноярск", "Воронеж", "Пермь", "Волгоград"]
RU_AGES = ["18-24", "25-34", "35-44", "45-54", "55-64", "65 и старше"]
RU_SATISFACTION = ["Совсем не удовлетворён", "Скорее не удовлетворён", "Затрудняюсь ответить",
                   "Скорее удовлетворён", "Полностью удовлетворён"]
RU_SERVICE = ["Плохо", "Удовлетворительно", "Нормально", "Хорошо", "Отлично"]
RU_COMMENTS = [
    "Всё понравилось, обязательно закажу ещё.",
    "Доставка задержалась на неделю, никто не предупредил.",
    "Цены выше, чем у конкурентов, но качество того стоит.",
    "Оператор колл-центра был вежлив и быстро решил мою проблему.",
    "Сайт неудобный: фильтры работают через раз.",
    "Товар пришёл с повреждённой упаковкой, пришлось оформлять возврат.",
    "Спасибо за оперативную работу!",
    "Курьер опоздал на два часа и даже не извинился.",
    "Хороший выбор, приятные скидки для постоянных покупателей.",
    "Приложение зависает при оплате картой.",
    "Продавец-консультант посоветовал именно то, что нужно.",
    "Ждал ответа службы поддержки три дня.",
    "Качество ткани хуже, чем на фотографиях.",
    "Плюсы: быстрая доставка.\nМинусы: нет пункта выдачи в моём районе.",
    "Ёлочные игрушки пришли целыми, упаковано на совесть.",
    "Нормально.",
    "Заказывал \"подарочный набор\", получил обычную коробку.",
    "В магазине на Тверской всегда очередь, работает одна касса.",
    "Возврат денег занял больше месяца.",
    "Очень вежливые сотрудники, приятно иметь с вами дело.",
    "Размеры не соответствуют таблице, пришлось менять.",
    "Бонусная программа запутанная, непонятно, как списывать баллы.",
]

# ---------------------------------------------------------------------------------------------


def rows(rng, header, regions, ages, satisfaction, service, comments):
    """A header and ROWS responses; about a quarter of the comments are empty."""
    out = [header]
    minutes = 0
    for i in range(ROWS):
        minutes += rng.randrange(3, 600)
        day, rest = divmod(minutes, 24 * 60)
        stamp = "2024-%02d-%02d %02d:%02d:%02d" % (3 + day // 28, 1 + day % 28, rest // 60,
                                                  rest % 60, rng.randrange(60))
        score = rng.randrange(5)
        recommend = min(10, max(0, 2 * score + rng.randrange(-1, 3)))
        comment = rng.choice(comments) if rng.randrange(4) else ""
        out.append(["%d" % (1001 + i), stamp, rng.choice(regions), rng.choice(ages),
                    satisfaction[score], service[min(4, max(0, score + rng.randrange(-1, 2)))],
                    "%d" % recommend, comment])
    return out


def to_csv(table, delimiter, newline):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerows(table)
    return buffer.getvalue()


def latin1(text):
    """A French export as it looks once it has been through ISO-8859-1 (no œ, €, ’, …)."""
    for a, b in (("œ", "oe"), ("Œ", "OE"), ("€", "EUR"), ("’", "'"), ("…", "...")):
        text = text.replace(a, b)
    return text


def fixtures():
    """{file name: bytes}, the expected/ UTF-8 texts included."""
    rng = random.Random(SEED)
    fr = rows(rng, FR_HEADER, FR_REGIONS, FR_AGES, FR_SATISFACTION, FR_SERVICE, FR_COMMENTS)
    ar = rows(rng, AR_HEADER, AR_CITIES, AR_AGES, AR_SATISFACTION, AR_SERVICE, AR_COMMENTS)
    ru = rows(rng, RU_HEADER, RU_CITIES, RU_AGES, RU_SATISFACTION, RU_SERVICE, RU_COMMENTS)

    texts = {
        "fr.csv": to_csv(fr, ";", "\r\n"),
        "fr-latin1.csv": latin1(to_csv(fr, ";", "\r\n")),
        "fr-tab.txt": to_csv(fr, "\t", "\r\n"),        # Excel "Unicode text" is tab-separated
        "ar.csv": to_csv(ar, ",", "\r\n"),
        "ar-tab.txt": to_csv(ar, "\t", "\r\n"),
        "ru.csv": to_csv(ru, ";", "\r\n"),
        "ru-lf.csv": to_csv(ru, ";", "\n"),
    }
    # fixture: (expected text, Python codec, prefix)
    table = {
        "fr-utf8.csv": ("fr.csv", "utf-8", b""),
        "fr-utf8-bom.csv": ("fr.csv", "utf-8", b"\xef\xbb\xbf"),
        "fr-windows-1252.csv": ("fr.csv", "cp1252", b""),
        "fr-iso-8859-1.csv": ("fr-latin1.csv", "latin-1", b""),
        "fr-utf16le-bom.txt": ("fr-tab.txt", "utf-16-le", b"\xff\xfe"),
        "fr-utf16be-bom.txt": ("fr-tab.txt", "utf-16-be", b"\xfe\xff"),
        "fr-utf16le.txt": ("fr-tab.txt", "utf-16-le", b""),
        "fr-utf16be.txt": ("fr-tab.txt", "utf-16-be", b""),
        "ar-windows-1256.csv": ("ar.csv", "cp1256", b""),
        "ar-iso-8859-6.csv": ("ar.csv", "iso8859-6", b""),
        "ar-utf16le-bom.txt": ("ar-tab.txt", "utf-16-le", b"\xff\xfe"),
        "ar-utf16le.txt": ("ar-tab.txt", "utf-16-le", b""),
        "ru-windows-1251.csv": ("ru.csv", "cp1251", b""),
        "ru-koi8-r.csv": ("ru-lf.csv", "koi8-r", b""),
    }
    files = {}
    for name, text in texts.items():
        files[os.path.join("expected", name)] = text.encode("utf-8")
    for name, (expected, codec, prefix) in table.items():
        files[name] = prefix + texts[expected].encode(codec)  # raises if a character is missing
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a committed fixture differs from what would be generated")
    args = parser.parse_args()

    stale = []
    for name, data in sorted(fixtures().items()):
        path = os.path.join(HERE, name)
        if args.check:
            try:
                with open(path, "rb") as f:
                    if f.read() != data:
                        stale.append(name)
            except FileNotFoundError:
                stale.append(name)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
