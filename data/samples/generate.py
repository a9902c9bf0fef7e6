#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the sample export of a website feedback widget.

The widget asks "Overall, how satisfied are you about the website?" on a 1-5 scale
(1 Extremely dissatisfied ... 5 Extremely satisfied) and lets visitors leave a comment.
The output is deterministic: the same --rows and --seed give a byte-identical file on
any machine (only random.Random.random() and exact integer/float arithmetic are used).

    python3 generate.py                    # 5,000 rows -> website-feedback.csv beside the script
    python3 generate.py --rows 1000000 -o /tmp/feedback-1m.csv
    python3 generate.py --check               # exit 1 if the committed CSV is out of date
"""

import argparse
import bisect
import csv
import datetime
import io
import os
import random
import sys

DEFAULT_ROWS = 5000
DEFAULT_SEED = 20240601
DEFAULT_OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "website-feedback.csv")

HEADER = ["response_id", "submitted_at", "rating", "rating_label", "comment",
          "page_url", "country", "language", "device", "browser"]

LABELS = ["", "Extremely dissatisfied", "Somewhat dissatisfied",
          "Neither satisfied nor dissatisfied", "Somewhat satisfied", "Extremely satisfied"]

FIRST_DAY = datetime.date(2024, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
SITE = "https://www.example.org"

# ---------------------------------------------------------------------------------------------
# Weighted tables.  A table is a list of (value, weight) pairs.

LANGUAGES = [("en", 40), ("fr", 25), ("ar", 20), ("ru", 15)]

# Country by language, with the UTC offset (minutes) used to turn local office hours into UTC.
COUNTRIES = {
    "en": [("US", 30, -360), ("GB", 22, 0), ("CA", 9, -300), ("IN", 10, 330), ("IE", 4, 0),
           ("AU", 6, 600), ("NG", 5, 60), ("ZA", 4, 120), ("DE", 4, 60), ("NL", 3, 60),
           ("MA", 3, 60)],
    "fr": [("FR", 50, 60), ("BE", 12, 60), ("CA", 9, -300), ("CH", 7, 60), ("MA", 9, 60),
           ("DZ", 5, 60), ("TN", 4, 60), ("SN", 4, 0)],
    "ar": [("MA", 25, 60), ("EG", 22, 120), ("SA", 18, 180), ("DZ", 12, 60), ("TN", 8, 60),
           ("AE", 8, 240), ("JO", 4, 180), ("LB", 3, 120)],
    "ru": [("RU", 65, 180), ("KZ", 10, 300), ("BY", 8, 180), ("UA", 6, 120), ("DE", 5, 60),
           ("LV", 3, 120), ("UZ", 3, 300)],
}

# Local hour of day at which people answer (office hours, lunch dip, evening bump).
HOURS = [3, 2, 1, 1, 1, 2, 4, 9, 14, 17, 18, 16, 12, 14, 16, 16, 14, 12, 11, 12, 12, 10, 7, 5]

# Mon..Sun
WEEKDAY_FACTOR = [1.15, 1.2, 1.15, 1.1, 0.95, 0.6, 0.55]

DEVICES = {
    "en": [("desktop", 52), ("mobile", 40), ("tablet", 8)],
    "fr": [("desktop", 55), ("mobile", 38), ("tablet", 7)],
    "ar": [("desktop", 35), ("mobile", 58), ("tablet", 7)],
    "ru": [("desktop", 50), ("mobile", 44), ("tablet", 6)],
}

BROWSERS = {
    "desktop": [("Chrome", 62), ("Edge", 14), ("Firefox", 10), ("Safari", 10), ("Opera", 4)],
    "mobile": [("Chrome", 55), ("Safari", 28), ("Samsung Internet", 10), ("Opera", 4),
               ("Firefox", 3)],
    "tablet": [("Safari", 55), ("Chrome", 35), ("Samsung Internet", 7), ("Firefox", 3)],
}

DEVICE_MODELS = {
    "mobile": ["iPhone 13", "iPhone 15", "Samsung Galaxy A54", "Galaxy S23", "Pixel 7",
               "Xiaomi Redmi Note 12", "iPhone SE"],
    "tablet": ["iPad", "iPad Air", "Galaxy Tab S8", "iPad mini"],
}

# Page path, weight, effect on satisfaction, comment topics it suggests.
PAGES = [
    ("/", 12, 0.1, []),
    ("/products", 9, 0.2, ["content", "search"]),
    ("/products/pricing", 6, -0.1, ["content", "checkout"]),
    ("/cart", 5, -0.3, ["checkout"]),
    ("/checkout", 7, -0.7, ["checkout"]),
    ("/account/login", 7, -0.5, ["login"]),
    ("/account/register", 4, -0.3, ["login", "form"]),
    ("/account/orders", 5, -0.2, ["orders"]),
    ("/contact", 8, -0.3, ["form", "navigation"]),
    ("/support", 7, -0.1, ["form", "navigation", "content"]),
    ("/support/faq", 6, 0.0, ["content", "navigation"]),
    ("/blog", 4, 0.5, ["content", "design"]),
    ("/blog/new-website-launch", 2, 0.4, ["design", "content"]),
    ("/search", 6, -0.4, ["search"]),
    ("/downloads", 4, 0.0, ["download"]),
    ("/about", 3, 0.3, ["content", "navigation"]),
]
# Pages that also exist under /fr/, /ar/ and /ru/ (25 distinct URLs in all).
LOCALIZED = {"/": "/", "/contact": "contact", "/support": "support"}
LOCALIZED_SHARE = 0.6

DEVICE_EFFECT = {"desktop": 0.15, "mobile": -0.2, "tablet": 0.05}

# Share of answers per rating before the per-response mood shift (calibrated so the
# overall result is close to 8/12/20/35/25 %).
RATING_BASE = [0.0, 7.75, 11.9, 20.1, 35.4, 25.9]
SKIP_RATE = 0.01
COMMENT_RATE = [0.25, 0.70, 0.60, 0.40, 0.31, 0.33]  # index 0: question skipped

ERROR_CODES = ["500", "502", "503", "504", "404", "403"]

# ---------------------------------------------------------------------------------------------
# Comment phrases.  Keys: opening/closing per tone, complaints/praises per topic, neutral
# remarks, suggestions and connectors for mixed feelings.  Placeholders: {n} seconds,
# {days}, {code} HTTP error, {order}, {btn}, {query}, {browser}, {device_model}, {url}, {year}.

PHRASES = {
    "en": {
        "neg_open": ["Very frustrating experience.", "Not impressed.", "I'm quite disappointed.",
                     "This is the third time I try.", "Terrible.", "Where do I start?",
                     "Sorry to say this, but the website needs work.", "I gave up in the end.",
                     "Hello,"],
        "neg_close": ["Please fix this.", "Please fix it asap!", "Very disappointing.",
                      "I will shop somewhere else.", "Not acceptable in {year}.",
                      "Please do something.", "Fix your website!", "Waste of time."],
        "pos_open": ["Love it!", "Great job.", "Very good experience.", "Well done to the team.",
                     "Excellent.", "Really nice website.", "Wow."],
        "pos_close": ["Thank you!", "Thanks a lot.", "Keep up the good work.", "Keep it up!",
                      "Thanks \U0001F642", "Well done!", "Five stars from me.", "Cheers"],
        "neutral": ["It's okay.", "Average.", "Not bad, not great.", "The site does the job.",
                    "Fine overall.", "ok", "Could be better, could be worse."],
        "but": ["But ", "However, ", "Only problem: ", "That said, "],
        "suggest": ["It would be nice to have a dark mode.", "Please add Apple Pay.",
                    "A live chat would help.", "Maybe make the text a bit bigger.",
                    "Could you add more payment options?", "An app would be great.",
                    "Please add a filter by price.", "Show the delivery date before checkout."],
        "btn": ["Submit", "Send", "Pay now", "Continue", "Next", "Confirm order"],
        "query": ["return policy", "gift card", "opening hours", "invoice", "size guide",
                  "warranty"],
        "complain": {
            "speed": ["The pages are really slow to load.",
                      "It took {n} seconds for the home page to load.",
                      "Everything is slow, especially the images.",
                      "The site freezes for several seconds every time I open a menu.",
                      "Way too slow on my phone, even on Wi-Fi."],
            "navigation": ["I can't find the contact form anywhere.",
                           "Impossible to find the opening hours, I clicked around for ten minutes.",
                           "The menu is confusing, too many items and no clear categories.",
                           "Where is the page for returns? I couldn't find it.",
                           "The links in the footer go to pages that don't exist."],
            "form": ["The contact form doesn't send, the \"{btn}\" button does nothing.",
                     "I filled in the form twice and got an error both times.",
                     "The form deleted everything I typed when I made one mistake.",
                     "The captcha is impossible to read.",
                     "Got \"Error {code}\" after submitting the form.",
                     "I wrote to support@example.org {days} days ago and nobody answered."],
            "checkout": ["Checkout failed three times with my Visa card.",
                         "The payment page says \"Transaction declined\", but my bank says the money was taken.",
                         "I was charged twice for order {order}.",
                         "The \"{btn}\" button does nothing on the payment page.",
                         "Shipping costs only appear at the very last step, that's not fair.",
                         "The promo code field rejects a valid code."],
            "login": ["I can't log in, it keeps saying my password is wrong even after resetting it.",
                      "The password reset email never arrived.",
                      "I get logged out every few minutes.",
                      "Creating an account asks for way too much personal information."],
            "search": ["The search returns nothing useful, even for exact product names.",
                       "Searching for \"{query}\" gives zero results although the page exists.",
                       "Search results are not sorted in any logical way."],
            "mobile": ["On mobile the menu covers half of the screen and won't close.",
                       "The text is tiny on my phone and I can't zoom.",
                       "Buttons overlap on my {device_model}, I can't tap the right one."],
            "content": ["The information on the pricing page is out of date.",
                        "Half of the FAQ answers are not relevant anymore.",
                        "Prices are different on the product page and in the cart.",
                        "There are broken images all over the blog."],
            "language": ["The site keeps switching to another language on its own.",
                         "Some pages are only half translated."],
            "download": ["The PDF download link gives a {code} error.",
                         "The download stops halfway every time."],
            "orders": ["Order {order} still shows \"processing\" after two weeks.",
                       "The order tracking page shows nothing at all."],
            "browser": ["Nothing works in {browser}, I had to switch browsers.",
                        "The page is blank in {browser}."],
            "popups": ["Too many pop-ups: cookies, newsletter, chat, all at once.",
                       "The cookie banner comes back on every page."],
            "url": ["The link {url} is broken.", "{url} gives me a {code} error."],
        },
        "praise": {
            "design": ["Great design, clean and modern.",
                       "The new look is much better than the old website.",
                       "Nice colours and very readable text."],
            "speed": ["Pages load fast, even on my phone.", "Very quick, no waiting at all."],
            "easy": ["Easy to find what I was looking for.", "The menu is clear and simple.",
                     "Everything is where I expect it to be."],
            "checkout": ["Checkout was quick and painless.",
                         "Paying took less than a minute, very smooth."],
            "support": ["Got an answer from support within the hour, thank you!",
                        "The FAQ answered my question straight away.",
                        "The contact form worked perfectly and someone called me back the same day."],
            "mobile": ["Works really well on my {device_model}.",
                       "The mobile version is excellent."],
            "content": ["Clear, useful information, and up to date.",
                        "The product pages have all the details I need.",
                        "The blog articles are interesting and well written."],
            "search": ["The search found exactly what I needed."],
            "orders": ["Order tracking is clear, I always know where my parcel is."],
            "access": ["Good contrast, and it works well with my screen reader."],
        },
    },
    "fr": {
        "neg_open": ["Très déçu.", "Très déçue.", "Franchement, c'est pénible.",
                     "Expérience frustrante.",
                     "Pas terrible.", "C'est la troisième fois que j'essaie.",
                     "Je suis très mécontent.", "Bonjour,", "Quelle galère !"],
        "neg_close": ["Merci de corriger ça rapidement.", "Très décevant.",
                      "Je vais aller voir ailleurs.", "Inadmissible en {year}.",
                      "Faites quelque chose svp.", "À corriger d'urgence !", "Bref, nul."],
        "pos_open": ["Super !", "Bravo à l'équipe.", "Très bonne expérience.", "Excellent.",
                     "Rien à redire.", "Très bien.", "Top !"],
        "pos_close": ["Merci !", "Merci beaucoup.", "Continuez comme ça !", "Bravo !",
                      "Merci \U0001F44D", "Bonne continuation.", "Cordialement"],
        "neutral": ["Correct, sans plus.", "Site moyen.", "Ça fait le travail.",
                    "Pas mal, mais peut mieux faire.", "Dans l'ensemble ça va.", "bof"],
        "but": ["Par contre, ", "Mais ", "En revanche, ", "Seul bémol : "],
        "suggest": ["Ce serait bien d'avoir un mode sombre.", "Ajoutez le paiement par PayPal svp.",
                    "Un chat en direct serait utile.", "Il faudrait agrandir un peu le texte.",
                    "Une application mobile serait top.",
                    "Pourriez-vous ajouter un filtre par prix ?",
                    "Indiquez la date de livraison avant le paiement."],
        "btn": ["Valider", "Envoyer", "Payer", "Continuer", "Suivant"],
        "query": ["politique de retour", "carte cadeau", "horaires", "facture", "garantie"],
        "complain": {
            "speed": ["Les pages sont très lentes à charger.",
                      "Il faut attendre {n} secondes pour que la page s'affiche.",
                      "Le site rame énormément, surtout les images.",
                      "Tout est lent, même avec la fibre."],
            "navigation": ["Impossible de trouver le formulaire de contact.",
                           "Je n'arrive pas à trouver les horaires d'ouverture.",
                           "Le menu est confus, on ne sait pas où cliquer.",
                           "Où est la page pour les retours ? Introuvable."],
            "form": ["Le formulaire ne s'envoie pas, le bouton \"{btn}\" ne fait rien.",
                     "J'ai rempli le formulaire deux fois et j'ai eu une erreur à chaque fois.",
                     "Le formulaire efface tout dès qu'on fait une erreur.",
                     "Message \"Erreur {code}\" après l'envoi du formulaire.",
                     "J'ai écrit à support@example.org il y a {days} jours, toujours pas de réponse."],
            "checkout": ["Le paiement a échoué trois fois avec ma carte bancaire.",
                         "J'ai été débité deux fois pour la commande {order}.",
                         "La page de paiement affiche \"Transaction refusée\" alors que ma banque a validé.",
                         "Les frais de livraison n'apparaissent qu'à la dernière étape, c'est limite.",
                         "Le code promo n'est pas accepté alors qu'il est valide."],
            "login": ["Impossible de me connecter, le mot de passe est refusé même après réinitialisation.",
                      "Je n'ai jamais reçu l'e-mail pour changer mon mot de passe.",
                      "Je suis déconnecté toutes les cinq minutes."],
            "search": ["La recherche ne trouve rien, même avec le nom exact du produit.",
                       "En cherchant \"{query}\", je n'ai aucun résultat."],
            "mobile": ["Sur mobile, le menu cache la moitié de l'écran.",
                       "Les boutons se chevauchent sur mon {device_model}.",
                       "Le texte est minuscule sur téléphone."],
            "content": ["Les informations sur les tarifs ne sont pas à jour.",
                        "Les prix ne sont pas les mêmes sur la fiche produit et dans le panier.",
                        "La FAQ est obsolète."],
            "language": ["La version française est incomplète, la moitié des pages sont en anglais.",
                         "Il y a beaucoup de fautes dans la traduction française.",
                         "Le site repasse en anglais à chaque clic."],
            "download": ["Le lien de téléchargement du PDF renvoie une erreur {code}.",
                         "Le téléchargement s'arrête à chaque fois au milieu."],
            "orders": ["La commande {order} est toujours \"en cours de traitement\" après deux semaines.",
                       "Le suivi de commande ne montre rien."],
            "browser": ["Rien ne marche sous {browser}.", "Page blanche avec {browser}."],
            "popups": ["Trop de fenêtres qui s'ouvrent : cookies, newsletter, chat…",
                       "Le bandeau cookies revient sur chaque page."],
            "url": ["Le lien {url} ne fonctionne pas.", "La page {url} affiche une erreur {code}."],
        },
        "praise": {
            "design": ["Très beau design, clair et moderne.",
                       "Le nouveau site est bien plus agréable que l'ancien.",
                       "Belle mise en page, c'est lisible."],
            "speed": ["Les pages se chargent vite, même sur mobile.", "Rapide et fluide."],
            "easy": ["J'ai trouvé tout de suite ce que je cherchais.",
                     "Navigation simple et intuitive.", "Tout est bien organisé."],
            "checkout": ["Paiement rapide et sans souci.",
                         "Commande passée en deux minutes, parfait."],
            "support": ["Réponse du service client en moins d'une heure, merci !",
                        "La FAQ m'a permis de régler mon problème tout seul.",
                        "Le formulaire de contact marche bien, on m'a rappelé le jour même."],
            "mobile": ["Fonctionne très bien sur mon {device_model}.",
                       "La version mobile est excellente."],
            "content": ["Informations claires et à jour.", "Les fiches produits sont complètes.",
                        "Les articles du blog sont intéressants."],
            "language": ["Merci d'avoir une version en français !",
                         "La traduction française est de bonne qualité."],
            "search": ["La recherche trouve exactement ce qu'il faut."],
            "orders": ["Suivi de commande très clair."],
        },
    },
    "ar": {
        "neg_open": ["تجربة سيئة جداً.", "بصراحة الموقع مزعج.", "أنا غير راضٍ إطلاقاً.",
                     "هذه ثالث مرة أحاول.", "مخيب للآمال.", "السلام عليكم،"],
        "neg_close": ["أرجو إصلاح المشكلة بسرعة.", "مخيب للآمال.", "سأشتري من موقع آخر.",
                      "غير مقبول في سنة {year}.", "أرجو الرد.", "حرام عليكم!"],
        "pos_open": ["ممتاز!", "ما شاء الله، عمل رائع.", "تجربة جميلة جداً.", "أحسنتم.",
                     "موقع رائع."],
        "pos_close": ["شكراً لكم!", "شكراً جزيلاً.", "بالتوفيق.", "استمروا!", "جزاكم الله خيراً.",
                      "شكرا \U0001F339"],
        "neutral": ["الموقع عادي.", "لا بأس به.", "مقبول بشكل عام.", "جيد لكن يحتاج إلى تحسين."],
        "but": ["لكن ", "ولكن ", "في المقابل، ", "المشكلة الوحيدة: "],
        "suggest": ["أتمنى إضافة الوضع الليلي (dark mode).", "أرجو إضافة الدفع عند الاستلام.",
                    "لو تضيفون دردشة مباشرة سيكون أفضل.", "الخط يحتاج أن يكون أكبر قليلاً.",
                    "نتمنى تطبيق للجوال.", "أضيفوا الدفع عبر Apple Pay من فضلكم."],
        "btn": ["إرسال", "تأكيد", "ادفع الآن", "التالي"],
        "query": ["سياسة الإرجاع", "بطاقة هدية", "ساعات العمل", "فاتورة", "iPhone 15"],
        "complain": {
            "speed": ["الصفحات بطيئة جداً في التحميل.", "انتظرت {n} ثانية حتى فتحت الصفحة.",
                      "الموقع بطيء جداً على الهاتف حتى مع Wi-Fi.",
                      "الصور لا تظهر إلا بعد وقت طويل.",
                      "انتظرت أكثر من ٣٠ ثانية ولم تفتح الصفحة."],
            "navigation": ["لا أستطيع العثور على نموذج الاتصال.",
                           "القائمة معقدة ولا أعرف أين أضغط.",
                           "بحثت عن صفحة الإرجاع ولم أجدها."],
            "form": ["نموذج الاتصال لا يعمل، زر \"{btn}\" لا يستجيب.",
                     "ملأت النموذج مرتين وظهر خطأ في كل مرة.",
                     "ظهرت رسالة Error {code} بعد إرسال النموذج.",
                     "أرسلت رسالة إلى support@example.org منذ {days} أيام ولم يرد أحد."],
            "checkout": ["فشلت عملية الدفع ثلاث مرات ببطاقة Visa.",
                         "تم خصم المبلغ مرتين للطلب رقم {order}.",
                         "صفحة الدفع (checkout) تتوقف عند الخطوة الأخيرة.",
                         "كود الخصم لا يعمل رغم أنه صالح.",
                         "رسوم الشحن تظهر فقط في آخر خطوة."],
            "login": ["لا أستطيع تسجيل الدخول، يقول إن كلمة المرور خاطئة.",
                      "لم تصلني رسالة استعادة كلمة المرور.", "يتم تسجيل خروجي كل بضع دقائق."],
            "search": ["البحث لا يعطي أي نتيجة حتى باسم المنتج الصحيح.",
                       "بحثت عن \"{query}\" ولم أجد شيئاً."],
            "mobile": ["على الهاتف القائمة تغطي نصف الشاشة.",
                       "الأزرار متداخلة على {device_model} ولا أستطيع الضغط.",
                       "الخط صغير جداً على الجوال."],
            "content": ["المعلومات في صفحة الأسعار قديمة.",
                        "الأسعار مختلفة بين صفحة المنتج والسلة."],
            "language": ["النسخة العربية ناقصة، نصف الصفحات بالإنجليزية.",
                         "الترجمة العربية فيها أخطاء كثيرة.",
                         "النص العربي يظهر من اليسار إلى اليمين في بعض الصفحات.",
                         "الموقع يرجع للغة الفرنسية في كل مرة."],
            "download": ["رابط تحميل ملف PDF يعطي خطأ {code}.", "التحميل يتوقف في المنتصف."],
            "orders": ["الطلب رقم {order} ما زال \"قيد المعالجة\" منذ أسبوعين.",
                       "صفحة تتبع الطلب فارغة."],
            "browser": ["لا شيء يعمل على متصفح {browser}.", "الصفحة تظهر بيضاء في {browser}."],
            "popups": ["نوافذ منبثقة كثيرة جداً.", "رسالة الكوكيز (cookies) تظهر في كل صفحة."],
            "url": ["الرابط {url} لا يفتح.", "الصفحة {url} تعطي خطأ {code}."],
        },
        "praise": {
            "design": ["تصميم جميل وعصري.", "الموقع الجديد أفضل بكثير من القديم.",
                       "الألوان مريحة والخط واضح."],
            "speed": ["الصفحات تفتح بسرعة حتى على الهاتف.", "سريع جداً وسهل."],
            "easy": ["وجدت ما أبحث عنه بسهولة.", "القائمة واضحة وبسيطة."],
            "checkout": ["الدفع كان سريعاً وبدون مشاكل.", "أكملت الطلب في دقيقتين."],
            "support": ["رد علي فريق الدعم خلال ساعة، شكراً لكم.",
                        "الأسئلة الشائعة (FAQ) أجابت على سؤالي مباشرة."],
            "mobile": ["يعمل بشكل ممتاز على {device_model}.", "نسخة الجوال ممتازة."],
            "content": ["المعلومات واضحة ومحدثة.", "صفحات المنتجات فيها كل التفاصيل."],
            "language": ["شكراً على توفير النسخة العربية.", "الترجمة العربية ممتازة."],
            "search": ["البحث سريع ودقيق."],
            "orders": ["تتبع الطلب واضح جداً."],
        },
    },
    "ru": {
        "neg_open": ["Очень неудобно.", "Разочарован.", "Разочарована.",
                     "Честно говоря, сайт ужасный.",
                     "Уже третий раз пытаюсь.", "Здравствуйте.", "Ну что это такое?"],
        "neg_close": ["Исправьте, пожалуйста.", "Очень разочарован.", "Пойду в другой магазин.",
                      "Это несерьёзно в {year} году.", "Сделайте что-нибудь.", "Жаль."],
        "pos_open": ["Супер!", "Молодцы!", "Очень понравилось.", "Отличный сайт.", "Всё отлично."],
        "pos_close": ["Спасибо!", "Большое спасибо.", "Так держать!", "Успехов вам.",
                      "Спасибо \U0001F44D"],
        "neutral": ["Нормально.", "Сайт как сайт.", "В целом неплохо.",
                    "Средне, есть что улучшить.", "норм"],
        "but": ["Но ", "Однако ", "Правда, ", "Единственный минус: "],
        "suggest": ["Хотелось бы тёмную тему.", "Добавьте оплату через СБП.",
                    "Онлайн-чат был бы полезен.", "Сделайте шрифт чуть крупнее.",
                    "Было бы здорово мобильное приложение.", "Добавьте фильтр по цене."],
        "btn": ["Отправить", "Оплатить", "Продолжить", "Далее"],
        "query": ["возврат", "подарочная карта", "часы работы", "гарантия", "счёт"],
        "complain": {
            "speed": ["Страницы очень долго загружаются.", "Главная страница грузилась {n} секунд.",
                      "Сайт жутко тормозит, особенно картинки.",
                      "Всё медленно, даже на хорошем интернете."],
            "navigation": ["Не могу найти форму обратной связи.",
                           "Меню запутанное, непонятно, куда нажимать.",
                           "Где страница возврата? Так и не нашёл."],
            "form": ["Форма не отправляется, кнопка «{btn}» ничего не делает.",
                     "Дважды заполнял форму, и оба раза ошибка.",
                     "Дважды заполнила форму, и оба раза ошибка.",
                     "После отправки формы появляется \"Error {code}\".",
                     "Форма стирает всё, если ошибиться в одном поле."],
            "checkout": ["Оплата картой не проходит уже третий раз.",
                         "С меня дважды списали деньги за заказ {order}.",
                         "На странице оплаты пишет \"Транзакция отклонена\", а банк деньги списал.",
                         "Промокод не принимается, хотя он действующий.",
                         "Стоимость доставки видна только на последнем шаге."],
            "login": ["Не могу войти, пишет, что пароль неверный, даже после сброса.",
                      "Письмо для восстановления пароля так и не пришло.",
                      "Постоянно выкидывает из аккаунта."],
            "search": ["Поиск ничего не находит, даже по точному названию.",
                       "По запросу \"{query}\" ноль результатов."],
            "mobile": ["На телефоне меню закрывает полэкрана.",
                       "Кнопки наезжают друг на друга на {device_model}.",
                       "На телефоне очень мелкий шрифт."],
            "content": ["Информация о ценах устарела.",
                        "Цены на странице товара и в корзине разные."],
            "language": ["Русская версия неполная, половина страниц на английском.",
                         "В русском переводе много ошибок.",
                         "Сайт сам переключается на английский."],
            "download": ["Ссылка на PDF выдаёт ошибку {code}.",
                         "Загрузка файла обрывается на середине."],
            "orders": ["Заказ {order} уже две недели в статусе \"обрабатывается\".",
                       "Страница отслеживания заказа пустая."],
            "browser": ["В {browser} вообще ничего не работает.", "В {browser} белая страница."],
            "popups": ["Слишком много всплывающих окон.",
                       "Баннер про cookies появляется на каждой странице."],
            "url": ["Ссылка {url} не открывается.", "Страница {url} выдаёт ошибку {code}."],
        },
        "praise": {
            "design": ["Отличный дизайн, всё чисто и современно.",
                       "Новый сайт намного лучше старого.",
                       "Приятные цвета, текст легко читать."],
            "speed": ["Страницы грузятся быстро, даже с телефона.", "Всё работает быстро."],
            "easy": ["Сразу нашёл то, что искал.", "Сразу нашла то, что искала.",
                     "Понятное и простое меню."],
            "checkout": ["Оплата прошла быстро и без проблем.", "Оформил заказ за пару минут."],
            "support": ["Поддержка ответила в течение часа, спасибо!",
                        "В FAQ нашёл ответ на свой вопрос."],
            "mobile": ["Отлично работает на моём {device_model}.", "Мобильная версия супер."],
            "content": ["Информация понятная и актуальная.",
                        "На страницах товаров есть все нужные характеристики."],
            "language": ["Спасибо за русскую версию!", "Хороший перевод на русский."],
            "search": ["Поиск работает отлично."],
            "orders": ["Удобное отслеживание заказа."],
        },
    },
}

GENERAL_COMPLAINTS = ["speed", "speed", "navigation", "popups", "browser", "content", "url"]
GENERAL_PRAISES = ["design", "design", "speed", "easy", "easy", "content", "support"]


# ---------------------------------------------------------------------------------------------

class Picker:
    """Weighted choice from a table with one uniform draw (bisect over cumulative weights)."""

    __slots__ = ("values", "cum", "total")

    def __init__(self, table):
        self.values = [row[0] for row in table]
        self.cum = []
        total = 0.0
        for row in table:
            total += row[1]
            self.cum.append(total)
        self.total = total

    def __call__(self, rnd):
        return self.values[bisect.bisect_right(self.cum, rnd() * self.total)]


def pick(rnd, seq):
    return seq[int(rnd() * len(seq))]


def lower_first(text):
    """'The menu' -> 'the menu', but keep 'I ...', 'PDF ...' and scripts without case."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


class CommentMaker:
    def __init__(self, rnd):
        self.rnd = rnd

    def fill(self, text, ctx):
        if "{" not in text:
            return text
        rnd = self.rnd
        lang = ctx["lang"]
        values = {
            "n": str(10 + int(rnd() * 81)),
            "days": str(2 + int(rnd() * 8)),
            "code": pick(rnd, ERROR_CODES),
            "order": "#%d" % (100000 + int(rnd() * 900000)),
            "btn": pick(rnd, PHRASES[lang]["btn"]),
            "query": pick(rnd, PHRASES[lang]["query"]),
            "browser": ctx["browser"],
            "device_model": pick(rnd, DEVICE_MODELS.get(ctx["device"], DEVICE_MODELS["mobile"])),
            "url": ctx["url"],
            "year": ctx["year"],
        }
        return text.format_map(values)

    def topic(self, kind, ctx, exclude=None):
        """A topic for a complaint or a praise: often the page's, otherwise a general one."""
        rnd = self.rnd
        table = PHRASES[ctx["lang"]][kind]
        page_topics = [t for t in ctx["topics"] if t in table]
        if page_topics and rnd() < 0.55:
            topic = pick(rnd, page_topics)
        else:
            general = GENERAL_COMPLAINTS if kind == "complain" else GENERAL_PRAISES
            extra = []
            if ctx["device"] != "desktop":
                extra.append("mobile")
            if ctx["lang"] != "en" or kind == "complain":
                extra.append("language")
            if kind == "praise" and ctx["lang"] == "en":
                extra.append("access")
            topic = pick(rnd, general + extra)
        if topic == exclude or (topic == "mobile" and ctx["device"] == "desktop"):
            topic = pick(rnd, [t for t in table if t != exclude and t != "mobile"])
        return topic

    def sentence(self, kind, ctx, exclude=None):
        topic = self.topic(kind, ctx, exclude)
        return topic, self.fill(pick(self.rnd, PHRASES[ctx["lang"]][kind][topic]), ctx)

    def make(self, rating, ctx):
        rnd = self.rnd
        p = PHRASES[ctx["lang"]]
        parts = []
        r = rnd()
        if rating in (1, 2):
            if rnd() < 0.06:  # a few words only
                short = [t for t in p["neg_open"] + p["neg_close"] if not t.endswith((",", "،"))]
                parts.append(self.fill(pick(rnd, short), ctx))
            else:
                if rnd() < 0.3:
                    parts.append(pick(rnd, p["neg_open"]))
                if rating == 2 and rnd() < 0.2:
                    topic, text = self.sentence("praise", ctx)
                    parts.append(text)
                    text = self.sentence("complain", ctx, topic)[1]
                    parts.append(pick(rnd, p["but"]) + lower_first(text))
                else:
                    topic, text = self.sentence("complain", ctx)
                    parts.append(text)
                    if rnd() < 0.35:
                        parts.append(self.sentence("complain", ctx, topic)[1])
                if rnd() < 0.4:
                    parts.append(self.fill(pick(rnd, p["neg_close"]), ctx))
        elif rating == 3:
            if r < 0.2:
                parts.append(pick(rnd, p["neutral"]))
            elif r < 0.45:
                parts.append(pick(rnd, p["neutral"]))
                parts.append(self.sentence("complain", ctx)[1])
            elif r < 0.75:
                topic, text = self.sentence("praise", ctx)
                parts.append(text)
                text = self.sentence("complain", ctx, topic)[1]
                parts.append(pick(rnd, p["but"]) + lower_first(text))
            elif r < 0.85:
                parts.append(self.sentence("complain", ctx)[1])
                parts.append(pick(rnd, p["suggest"]))
            else:
                parts.append(pick(rnd, p["neutral"]))
                parts.append(pick(rnd, p["suggest"]))
        elif rating in (4, 5):
            if rating == 5 and rnd() < 0.08:
                parts.append(pick(rnd, p["pos_close"] + p["pos_open"]))
            else:
                if rnd() < (0.25 if rating == 4 else 0.45):
                    parts.append(pick(rnd, p["pos_open"]))
                topic, text = self.sentence("praise", ctx)
                parts.append(text)
                if rnd() < 0.3:
                    parts.append(self.sentence("praise", ctx, topic)[1])
                if rating == 4:
                    if rnd() < 0.35:
                        parts.append(pick(rnd, p["suggest"]))
                    elif rnd() < 0.2:
                        text = self.sentence("complain", ctx, topic)[1]
                        parts.append(pick(rnd, p["but"]) + lower_first(text))
                if rnd() < (0.3 if rating == 4 else 0.6):
                    parts.append(pick(rnd, p["pos_close"]))
        else:  # question skipped, comment only
            if r < 0.5:
                parts.append(self.sentence("complain", ctx)[1])
            elif r < 0.8:
                parts.append(pick(rnd, p["suggest"]))
            else:
                parts.append(self.sentence("praise", ctx)[1])

        # Join the sentences: mostly spaces, sometimes line breaks inside the field.
        text = parts[0]
        for part in parts[1:]:
            r = rnd()
            if text.endswith((",", "،")):  # a greeting
                text += "\n" + part
            elif r < 0.10:
                text += "\n" + part
            elif r < 0.13:
                text += "\n\n" + part
            else:
                text += " " + part

        # Typing habits for the scripts with case: all lower case, no final full stop, shouting.
        if ctx["lang"] != "ar":
            r = rnd()
            if r < 0.05:
                text = text.lower()
            elif r < 0.17 and text.endswith("."):
                text = text[:-1]
            elif rating == 1 and r < 0.21:
                text = text.upper()
        return text


def day_weights():
    """Per-day weights: growing traffic, weekday rhythm, summer and new-year dips, launch peak."""
    days = []
    weights = []
    count = (LAST_DAY - FIRST_DAY).days + 1
    launch = datetime.date(2024, 9, 16)
    for i in range(count):
        day = FIRST_DAY + datetime.timedelta(days=i)
        w = 1.0 + 1.6 * i / (count - 1)
        w *= WEEKDAY_FACTOR[day.weekday()]
        if day.month == 8:
            w *= 0.75
        if (day.month == 12 and day.day >= 23) or (day.month == 1 and day.day <= 2):
            w *= 0.6
        if 0 <= (day - launch).days < 10:  # "new website" announcement: more feedback
            w *= 2.2 - 0.12 * (day - launch).days
        days.append(day)
        weights.append(w)
    return days, weights


def generate(rows, seed, out):
    rnd = random.Random(seed).random
    days, weights = day_weights()
    ndays = len(days)
    day_text = [d.isoformat() for d in days]
    day_year = [str(d.year) for d in days]
    pick_day = Picker(list(zip(range(ndays), weights)))
    pick_hour = Picker(list(zip(range(24), HOURS)))
    pick_lang = Picker(LANGUAGES)
    pick_country = {lang: Picker([(i, c[1]) for i, c in enumerate(table)])
                    for lang, table in COUNTRIES.items()}
    pick_device = {lang: Picker(table) for lang, table in DEVICES.items()}
    pick_browser = {dev: Picker(table) for dev, table in BROWSERS.items()}
    pick_page = Picker([(i, p[1]) for i, p in enumerate(PAGES)])
    lang_index = {lang: i for i, (lang, _) in enumerate(LANGUAGES)}
    lang_names = [lang for lang, _ in LANGUAGES]
    country_tables = [COUNTRIES[lang] for lang in lang_names]

    # 1. When, from where: UTC time from a local time of day, then sort.
    stamps = []
    for _ in range(rows):
        lang = pick_lang(rnd)
        ci = pick_country[lang](rnd)
        offset = country_tables[lang_index[lang]][ci][2]
        local = pick_hour(rnd) * 3600 + int(rnd() * 3600)
        seconds = (local - offset * 60) % 86400
        day = pick_day(rnd)
        stamps.append((day * 86400 + seconds, lang_index[lang], ci))
    stamps.sort()

    # 2. Everything else, in time order.
    comments = CommentMaker(rnd)
    width = max(6, len(str(rows)))
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(HEADER)
    bad_start = (datetime.date(2025, 2, 10) - FIRST_DAY).days
    bad_end = (datetime.date(2025, 3, 21) - FIRST_DAY).days
    base = RATING_BASE
    batch = []
    for n, (stamp, li, ci) in enumerate(stamps, 1):
        day, seconds = divmod(stamp, 86400)
        lang = lang_names[li]
        country = country_tables[li][ci][0]
        device = pick_device[lang](rnd)
        if device != "desktop" and rnd() < 0.1 * (1.0 - day / ndays):
            device = "desktop"  # mobile share grows over the two years
        browser = pick_browser[device](rnd)
        path, _, page_effect, topics = PAGES[pick_page(rnd)]
        if lang != "en" and path in LOCALIZED and rnd() < LOCALIZED_SHARE:
            suffix = LOCALIZED[path]
            path = "/%s/%s" % (lang, "" if suffix == "/" else suffix)

        # Satisfaction: the page, the device and the period shift the mood a little.
        mood = page_effect + DEVICE_EFFECT[device] + 0.3 * day / ndays - 0.15
        if bad_start <= day < bad_end and topics == ["checkout"]:
            mood -= 1.0  # the payment provider migration of early 2025
        if rnd() < SKIP_RATE:
            rating = 0
        else:
            w1 = base[1] * (1.0 - 0.25 * mood)
            w2 = base[2] * (1.0 - 0.12 * mood)
            w3 = base[3]
            w4 = base[4] * (1.0 + 0.08 * mood)
            w5 = base[5] * (1.0 + 0.25 * mood)
            c1 = max(w1, 0.0)
            c2 = c1 + max(w2, 0.0)
            c3 = c2 + w3
            c4 = c3 + max(w4, 0.0)
            c5 = c4 + max(w5, 0.0)
            x = rnd() * c5
            rating = 1 if x < c1 else 2 if x < c2 else 3 if x < c3 else 4 if x < c4 else 5

        comment = ""
        if rnd() < COMMENT_RATE[rating]:
            ctx = {"lang": lang, "device": device, "browser": browser, "topics": topics,
                   "url": SITE + path, "year": day_year[day]}
            comment = comments.make(rating, ctx)

        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        batch.append(("R-%0*d" % (width, n),
                      "%s %02d:%02d:%02d" % (day_text[day], h, m, s),
                      str(rating) if rating else "",
                      LABELS[rating],
                      comment,
                      SITE + path,
                      country, lang, device, browser))
        if len(batch) >= 10000:
            writer.writerows(batch)
            batch.clear()
    writer.writerows(batch)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS,
                        help="number of responses (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help="random seed (default: %(default)s)")
    parser.add_argument("-o", "--output", default=DEFAULT_OUTPUT,
                        help="output CSV file, '-' for standard output (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="do not write: exit with status 1 if OUTPUT differs from what "
                             "would be generated")
    args = parser.parse_args(argv)
    if args.rows < 0:
        parser.error("--rows must not be negative")

    if args.check:
        buf = io.StringIO(newline="")
        generate(args.rows, args.seed, buf)
        expected = buf.getvalue().encode("utf-8")
        try:
            with open(args.output, "rb") as f:
                actual = f.read()
        except OSError as e:
            print("%s: %s" % (args.output, e.strerror), file=sys.stderr)
            return 1
        if actual != expected:
            print("%s is out of date: run %s" % (args.output, os.path.basename(__file__)),
                  file=sys.stderr)
            return 1
        return 0

    if args.output == "-":
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        generate(args.rows, args.seed, out)
        out.flush()
        out.detach()
        return 0

    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        generate(args.rows, args.seed, f)
    os.replace(tmp, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
