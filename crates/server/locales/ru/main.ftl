app-name = Liaison
footer-text = Liaison · Меры укрепления доверия ОБСЕ в области кибербезопасности и ИКТ · Решение № 1202
nav-skip = Перейти к содержанию
nav-label = Основная навигация
nav-directory = Справочник
nav-import = Импорт
nav-audit = Журнал аудита
nav-security = Безопасность
nav-language = Язык
nav-logout = Выйти
action-apply = Применить
action-save = Сохранить
action-cancel = Отмена
yes = Да
no = Нет
missing = отсутствует
none-yet = Пока нет.

role-manager = Администратор сети
role-coordinator = Национальный координатор
role-poc = Контактный пункт
role-observer = Наблюдатель
role-auditor = Аудитор

login-title = Вход
login-intro = Войдите в сеть контактных пунктов ОБСЕ.
login-submit = Войти
login-failed = Неверное имя пользователя, пароль или код.
login-rate-limited = Слишком много попыток. Подождите минуту и повторите попытку.
login-signed-out-everywhere = Вы вышли везде: все сеансы и токены вашей учётной записи завершены.
field-username = Имя пользователя
field-password = Пароль
field-totp-code = Шестизначный код из приложения-аутентификатора

totp-title = Двухфакторная аутентификация
totp-intro = Защитите свою учетную запись одноразовым кодом, основанным на времени (TOTP), из приложения-аутентификатора.
totp-required = Этот сервер требует двухфакторной аутентификации для всех учетных записей. Чтобы продолжить, подключите ее сейчас.
totp-start = Настроить двухфакторную аутентификацию
totp-scan = Отсканируйте этот QR-код приложением-аутентификатором, а затем введите показанный им код.
totp-qr-alt = QR-код секрета TOTP
totp-secret-once = Или введите этот секрет в приложение вручную. Он показывается только один раз:
totp-confirm = Подтвердить и включить
totp-enabled = Двухфакторная аутентификация для вашей учетной записи включена.
field-totp-code-if-enabled = Код из приложения-аутентификатора
login-code-hint = Только если для вашей учётной записи включена двухфакторная аутентификация.
account-title = Ваша учётная запись
account-password-heading = Пароль
field-current-password = Текущий пароль
field-new-password = Новый пароль
account-password-hint = Не менее 12 знаков; не распространённый пароль и не ваше имя пользователя. Лучше всего — фраза из нескольких слов.
account-password-change = Сменить пароль
account-password-changed = Пароль изменён. Все остальные сеансы и токены вашей учётной записи завершены.
account-tokens-heading = Сеансы и токены
account-tokens-intro = Все браузеры, в которых выполнен вход в вашу учётную запись, и все выданные ей API-токены. Завершите те, которые вы не узнаёте.
col-token-kind = Вид
col-token-label = Метка
col-token-address = Выдан адресу
col-token-created = С
col-token-expires = Истекает
token-kind-web = Сеанс браузера
token-kind-api = API-токен
token-current = текущий
token-revoke = Завершить
account-token-revoked = Сеанс или токен завершён.
account-sign-out-everywhere = Выйти везде
account-sign-out-everywhere-intro = Завершает все сеансы и токены вашей учётной записи, включая этот браузер.

states-title = Справочник контактных пунктов
states-summary = Актуальные контактные пункты как политического, так и технического уровня есть у { $complete } из { $participating } { $participating ->
    [one] государства-участника
    [few] государств-участников
    [many] государств-участников
   *[other] государства-участника
}.
states-filter = Фильтр государств
states-caption = { $count ->
    [1] Одно государство
    [one] { $count } государство
    [few] { $count } государства
    [many] { $count } государств
   *[other] { $count } государства
}
filter-all = Все
filter-overdue = Просроченные
filter-due-soon = Срок скоро истекает
filter-late = Сообщено с опозданием
filter-no-policy = Без контактного пункта политического уровня
filter-no-technical = Без контактного пункта технического уровня
filter-incomplete = Неполные
col-state = Государство
col-status = Статус
col-contacts = Контакты
col-late = Сообщения с опозданием (12 месяцев)
col-policy = Политический уровень
col-technical = Технический уровень
col-next-due = Следующий срок
col-last-confirmed = Последнее подтверждение
col-key = Ключ OpenPGP
col-annual = Ежегодное обновление
col-due-on = Срок
col-version = Версия
col-change = Изменение
col-recorded-at = Внесено
col-recorded-by = Кем
col-notified = Сообщение
col-details = Подробности
state-status-participating = Государство-участник
state-status-partner-asian = Азиатский партнер по сотрудничеству
state-status-partner-mediterranean = Средиземноморский партнер по сотрудничеству
status-current = Актуально
status-due-soon = Срок скоро истекает
status-overdue = Просрочено
level-policy = Контактный пункт политического уровня
level-technical = Контактный пункт технического уровня
structure-national-csirt = Национальная группа CERT/CSIRT
structure-government-csirt = Правительственная группа CERT/CSIRT
structure-ministry = Министерство
structure-law-enforcement = Правоохранительный орган
structure-regulator = Регулирующий орган
structure-other = Иная национальная структура

entry-complete = Сведения по CBM 8 полные
entry-incomplete = Сведения по CBM 8 неполные
entry-confirm = Проверено, изменений нет
entry-confirm-hint = Подтверждение записи фиксирует, что каждый контакт проверен, и заново запускает 12-месячный срок (CBM 8: ежегодное обновление контактных данных).
aggregate-only = Вашей учетной записи доступны только сводные данные по этому государству.
section-pocs = Контактные пункты
section-structures = Национальные структуры
section-retired = Исключенные контакты
export-csv = Экспортировать справочник (CSV)
export-vcard-state = vCard всех контактов
export-csv-state = Контакты этого государства (CSV, для правки и повторного импорта)
export-nomination = Уведомление о назначении для Глобального справочника контактных пунктов ООН (JSON)
export-vcard = vCard

contact-add = Добавить контакт
contact-edit = Изменить
contact-retire = Исключить
contact-retired = исключен
contact-new-title = Новый контакт
contact-edit-title = Изменение контакта
contact-confirmed-due = подтвержден { $confirmed }, срок { $due }
field-kind = Тип
field-name = Имя или должность
field-function = Должность
field-organisation = Организация
field-email = Электронная почта
field-phone = Телефон
field-time-zone = Часовой пояс
field-languages = Языки
field-website = Веб-сайт
field-notes = Примечания
field-available = Доступен круглосуточно (24/7)
field-deputy = Заместитель
field-effective-on = Дата вступления изменения в силу
hint-languages = Двухбуквенные коды через пробел, например: en fr ru.
hint-effective-on = Изменения, внесенные более чем через 30 дней после вступления в силу, отмечаются как сообщенные с опозданием (CBM 8).
form-has-errors = Исправьте, пожалуйста, следующее:

history-title = История
history-summary = { $versions ->
    [one] { $versions } версия
    [few] { $versions } версии
    [many] { $versions } версий
   *[other] { $versions } версии
}, { $late ->
    [0] ни одна не сообщена с опозданием.
    [one] { $late } сообщена с опозданием.
    [few] { $late } сообщены с опозданием.
    [many] { $late } сообщены с опозданием.
   *[other] { $late } сообщены с опозданием.
}
change-created = Создан
change-changed = Изменен
change-key = Зарегистрирован ключ
change-confirmed = Подтвержден
change-retired = Исключен
change-withdrawn = Запланированное изменение отозвано
scheduled-change = Изменится { $date }:
scheduled-retirement = Выбывает { $date }
scheduled-hint = Версия { $version }, записана { $by }. До этого дня все читатели, выгрузки, наборы ключей и проверки используют сведения выше; в этот день изменение вступит в силу само.
scheduled-withdraw = Отозвать запланированное изменение
scheduled-tag = запланировано
in-effect-tag = действует
notified-late = с опозданием
notified-on-time = в срок

key-upload = Зарегистрировать ключ OpenPGP
key-intro = Вставьте открытый ключ OpenPGP контакта в формате ASCII armor. Ключи с истекшим сроком действия, отозванные ключи и ключи, непригодные для шифрования, отклоняются.
key-current = Зарегистрированный ключ:
key-armored = Открытый ключ (ASCII armor)
key-submit = Зарегистрировать ключ
key-download = Скачать
key-none = Ключ не зарегистрирован.
key-expires = действителен до { $date }

import-title = Импорт контактов из CSV
import-intro = Вставьте CSV-данные справочника (в том же формате, что и при экспорте). Сначала проверяется каждая строка; если хотя бы в одной строке есть ошибка, ничего не импортируется.
import-csv = CSV
import-submit = Импортировать
import-done = Импорт выполнен. Добавлено: { $created }, изменено: { $changed }, без изменений: { $unchanged }.
import-nothing = Изменять нечего: все контакты в файле ({ $unchanged }) совпадают с записанными.
import-refused = Ничего не импортировано. Исправьте эти строки и повторите попытку:
import-line = Строка { $line }

audit-title = Журнал аудита
audit-intro = Все изменения с указанием автора и времени, связанные в цепочку хешей, так что любое искажение будет обнаружено.
audit-verify = Проверить цепочку
audit-intact = { $rows ->
    [one] Цепочка из { $rows } записи не нарушена.
    [few] Цепочка из { $rows } записей не нарушена.
    [many] Цепочка из { $rows } записей не нарушена.
   *[other] Цепочка из { $rows } записи не нарушена.
}
audit-broken = Цепочка нарушена в записи № { $seq }.
audit-at = Время (UTC)
audit-actor = Исполнитель
audit-event = Событие
audit-subject = Объект
audit-hash = Хеш
audit-older = Более ранние записи

error-title = Произошла ошибка
error-reference = Номер для обращения в Секретариат: { $id }
error-back = Вернуться на начальную страницу

mail-reminder-subject = Liaison: подтверждение контактных пунктов ({ $state })
mail-reminder-intro = { $count ->
    [1] Для следующего контакта ({ $state }) наступил срок ежегодного обновления (CBM 8). Пожалуйста, подтвердите или обновите его.
    [one] Для следующих { $count } контакта ({ $state }) наступил срок ежегодного обновления (CBM 8). Пожалуйста, подтвердите или обновите их.
    [few] Для следующих { $count } контактов ({ $state }) наступил срок ежегодного обновления (CBM 8). Пожалуйста, подтвердите или обновите их.
    [many] Для следующих { $count } контактов ({ $state }) наступил срок ежегодного обновления (CBM 8). Пожалуйста, подтвердите или обновите их.
   *[other] Для следующих { $count } контакта ({ $state }) наступил срок ежегодного обновления (CBM 8). Пожалуйста, подтвердите или обновите их.
}
mail-reminder-action = Подтвердите или обновите запись здесь: { $url }
mail-directory-key-subject = Liaison: новый ключ OpenPGP для { $contact } ({ $state })
mail-directory-key-body = Учётная запись { $by } зарегистрировала ключ { $fingerprint } для { $contact } ({ $state }). С { $effective_on } каждый защищённый запрос этому контакту шифруется этим ключом.
mail-directory-key-before = Он заменяет ключ { $before }.
mail-directory-key-check = Если ваше государство его не регистрировало, немедленно сообщите национальному координатору и Секретариату ОБСЕ: изменение записано в журнале аудита и журнале прозрачности. Контакт: { $url }
mail-account-for-state-subject = Liaison: учётная запись теперь действует от имени { $state }
mail-account-for-state-body = Учётная запись { $username } ({ $name }, { $email }) теперь действует от имени { $state } в роли «{ $role }». Её настроила учётная запись { $by } { $date }.
mail-account-for-state-check = Она читает проекты вашего государства и может изменять его запись в справочнике. Если ваше государство об этом не просило, немедленно сообщите Секретариату ОБСЕ и своей делегации; журнал аудита фиксирует изменение.

# Accounts (network manager)
nav-accounts = Учетные записи
accounts-title = Учетные записи
accounts-new = Новая учетная запись
accounts-created = Учетная запись { $username } создана. Сообщите ее владельцу первоначальный пароль по отдельному каналу.
accounts-state-hint = Для национальных координаторов и контактных пунктов: трехбуквенный код государства, например DEU.
accounts-initial-password = Первоначальный пароль (не менее 12 символов)
accounts-create = Создать учетную запись
accounts-status = Статус
accounts-active = активна
accounts-disabled = отключена
accounts-change = Изменить учётную запись
accounts-change-hint = Новая роль или новое государство завершают сеансы и токены учётной записи: владелец снова входит с новыми правами.
accounts-access = Доступ
accounts-disable = Отключить учётную запись
accounts-enable = Включить учётную запись
accounts-disable-hint = Отключённая учётная запись не может войти, её сеансы и токены сразу завершаются. Всё, что она сделала, остаётся в записях.
accounts-reset-password = Задать новый пароль
accounts-reset-password-hint = Для владельца, забывшего пароль: его сеансы и токены завершаются, блокировки снимаются. Передайте новый пароль по другому каналу.
accounts-reset-totp = Отключить второй фактор
accounts-reset-totp-hint = Для владельца, потерявшего аутентификатор: его сеансы и токены завершаются, после входа он настраивает его заново.
accounts-end-sessions = Завершить все сеансы и токены
accounts-no-sessions = Нет действующих сеансов и токенов.
accounts-done-changed = Учётная запись изменена.
accounts-done-password = Новый пароль задан; сеансы и токены учётной записи завершены.
accounts-done-totp = Второй фактор отключён; владелец настроит его заново после входа.
accounts-done-sessions = Все сеансы и токены учётной записи завершены.
field-display-name = Отображаемое имя
field-role = Роль

# Validation messages of the forms
invalid-kind = выберите вид контакта из списка
invalid-date-format = укажите дату, когда изменение вступило в силу (ГГГГ-ММ-ДД)
invalid-too-long = не более { $max } знаков
invalid-control-characters = не должно содержать управляющих символов
invalid-required = обязательное поле
invalid-required-name = обязательное поле: имя лица или должность
invalid-required-structure-name = обязательное поле: название структуры
invalid-email = «{ $value }» не является адресом электронной почты
invalid-phone = используйте международный формат: «+», код страны и номер, например +49 228 99 9582 0
invalid-time-zone = «{ $value }» не является часовым поясом IANA, например Europe/Vienna
invalid-language = «{ $value }» не является двухбуквенным кодом языка ISO 639-1, например en
invalid-website = должен быть веб-адрес, начинающийся с https://
invalid-date-before-1990 = { $date } — раньше 1990 года; проверьте год
invalid-date-too-far-ahead = { $date } — более чем через год; сообщайте об изменениях не ранее чем за год
invalid-already-scheduled = изменение этого контакта уже запланировано на { $date }; отмените его, прежде чем объявлять другое
invalid-key-of-another-state = ключ { $value } зарегистрирован для контакта другого государства-участника; каждое государство регистрирует собственные ключи
invalid-too-many-contacts = в записи этого государства уже { $max } контактов (включая созданные за последние сутки); выведите один из них, прежде чем добавлять новый
key-file = Файл ключа (.asc)

# Validation messages of the account form
invalid-username = имя пользователя должно содержать от 3 до 64 знаков: строчные буквы, цифры, «.», «-» или «_»
invalid-password-too-short = пароль должен содержать не менее 12 знаков
invalid-password-too-long = пароль может содержать не более 256 знаков
invalid-password-common = этот пароль входит в число самых распространённых; выберите собственную парольную фразу
invalid-password-username = пароль не должен содержать имя пользователя
invalid-wrong-password = текущий пароль указан неверно
invalid-same-password = новый пароль совпадает с текущим; выберите другой
invalid-totp-code = код не подходит; проверьте время на устройстве и попробуйте следующий код
invalid-own-management = администратор сети не может отключить свою учётную запись или отказаться от своей роли; это может сделать другой администратор
invalid-last-manager = это последняя активная учётная запись администратора сети: сначала включите или создайте другого администратора
invalid-contact-taken = контакт { $value } уже связан с другой учётной записью
invalid-display-name = имя обязательно: не более { $max } знаков, без управляющих символов
invalid-state-required = координаторы и контактные пункты относятся к государству
invalid-state-not-allowed = к государству относятся только координаторы и контактные пункты
invalid-role = неизвестная роль «{ $value }» (manager, coordinator, poc, observer, auditor)
invalid-state-code = «{ $value }» не является трехбуквенным кодом ISO 3166, например DEU
invalid-username-taken = имя пользователя «{ $value }» уже занято
invalid-unknown-state = нет государства с кодом { $value }
invalid-contact-not-allowed = только учетная запись контактного пункта связывается с контактом справочника
invalid-unknown-contact = нет контакта с идентификатором { $value }
invalid-contact-elsewhere = контакт { $value } относится к записи другого государства
invalid-not-a-point-of-contact = контакт { $value } не является действующим контактным пунктом (национальная структура или выбывший)
accounts-contact = Контакт справочника (идентификатор)
accounts-contact-hint = Для контактного пункта: идентификатор его собственной записи в справочнике (число в /contacts/…), чтобы он отвечал на проверки связи в приложении.

## Communication checks
nav-checks = Проверки
checks-title = Проверки связи
checks-intro = Администратор сети проверяет сеть, направляя запрос каждому контактному пункту; каждый контакт отвечает по ссылке из письма, здесь, в приложении, или ответом, подписанным своим зарегистрированным ключом OpenPGP.
checks-trend-title = Динамика по проверкам
checks-response-rate = Доля ответов
checks-median = Медианное время ответа
checks-open = идет
checks-closed = завершена
checks-none = Проверок связи пока не было.
checks-older = Более ранние проверки
checks-default-message = Плановая проверка связи в сети контактных пунктов ОБСЕ (CBM 8). Пожалуйста, подтвердите получение этого сообщения.
checks-answered-thanks = Спасибо, ваш ответ зарегистрирован.
checks-mine-title = Запросы, адресованные вам
checks-answer-now = Ответить сейчас
checks-notice = { $count ->
    [one] { $count } проверка связи ожидает вашего ответа.
    [few] { $count } проверки связи ожидают вашего ответа.
    [many] { $count } проверок связи ожидают вашего ответа.
   *[other] { $count } проверки связи ожидают вашего ответа.
}
checks-launch = Запуск проверки
checks-launch-now = Запустить проверку
checks-launch-hint = Каждый действующий контактный пункт выбранных уровней в охваченных государствах получает одноразовый запрос по электронной почте и в приложении. Время ответа отсчитывается от момента отправки запроса каждому контакту.
checks-caption = { $count ->
    [one] { $count } проверка
    [few] { $count } проверки
    [many] { $count } проверок
   *[other] { $count } проверки
}
checks-unreachable-count = { $count ->
    [one] { $count } контакт недоступен
    [few] { $count } контакта недоступны
    [many] { $count } контактов недоступны
   *[other] { $count } контакта недоступны
}
col-check = Проверка
col-sent-at = Отправлено
col-deadline = Ответить до
col-outcome = Результат
col-launched = Запущена
col-closes = Завершается
col-scope = Охват
col-levels = Уровни
col-window = Срок ответа
col-states-reached = Государства на связи
col-response-time = Время ответа
col-answer-way = Способ ответа
col-last-check = Последняя проверка
col-unreachable = Недоступные
scope-all = Все государства-участники
scope-region = Регион
scope-states = Следующие государства (коды)
levels-both = Политический и технический уровни
levels-policy = Политический уровень
levels-technical = Технический уровень
hours = { $count ->
    [one] { $count } час
    [few] { $count } часа
    [many] { $count } часов
   *[other] { $count } часа
}
region-northern-america = Северная Америка
region-northern-europe = Северная Европа
region-western-europe = Западная Европа
region-southern-europe = Южная Европа
region-eastern-europe = Восточная Европа
region-western-asia = Западная Азия
region-central-asia = Центральная Азия
region-eastern-asia = Восточная Азия
outcome-pending = Ожидается ответ
outcome-on-time = В срок
outcome-late = С опозданием
outcome-no-answer = Нет ответа
outcome-delivery-failed = Ошибка доставки
way-link = ссылка
way-app = приложение
way-signed-reply = подписанный ответ
field-window-hours = Срок ответа (часы)
field-spread-hours = Разброс отправки (часы)
field-spread-hint = Каждый запрос отправляется в случайный момент в пределах указанного числа часов после запуска, чтобы ни один часовой пояс не получал его всегда ночью. При значении 0 все запросы отправляются сразу; не более половины срока ответа.
field-check-message = Сообщение (на английском языке)
check-title = Проверка связи #{ $id }
check-spread = отправка в течение { $hours } ч после запуска
check-figures = Показатели
check-key-verified = ключ подтвержден
check-key-verified-count = Ответы, подтвержденные ключом
check-no-contact = Уровни без контакта
check-no-contact-short = нет контакта
check-export-csv = Результаты в формате CSV
check-states-caption = Государства
check-contacts-caption = { $count ->
    [one] Запрос получил { $count } контакт
    [few] Запрос получили { $count } контакта
    [many] Запрос получили { $count } контактов
   *[other] Запрос получили { $count } контакта
}
check-reached = Связь есть
check-not-reached = Связи нет
check-awaiting = Ожидается ответ
check-last-closed = последняя завершённая проверка:
check-reminded = отправлено напоминание
check-aggregate-only = Вашей учетной записи доступны только показатели проверок; результаты по каждому государству доступны лишь администратору сети и самому государству.
unreachable = недоступен
filter-unreachable = Недоступные контакты
contact-checks-title = Проверки связи
contact-unreachable = Этот контакт не ответил на две последние проверки связи: он отмечен как недоступный.
answer-title = Проверка связи
answer-confirm = Да, я получаю это сообщение: зарегистрировать мой ответ
answer-hint = Ссылка действует один раз. Само открытие ссылки не считается ответом; ответ регистрируется только этой кнопкой.
answer-recorded = Спасибо, { $name }: ваш ответ зарегистрирован (через { $minutes } после отправки запроса).
answer-already = На этот запрос уже был дан ответ { $at } UTC.
answer-closed = Эта проверка завершена; ее результаты окончательны, и ответы больше не принимаются.
invalid-check-window = от 1 до { $max } ч
invalid-check-spread = не более половины срока ответа: { $max } ч
invalid-check-no-states = выберите хотя бы одно государство
invalid-check-not-participating = { $value } не является государством-участником
invalid-check-scope = выберите все государства, регион или список государств
invalid-check-region = выберите регион
invalid-check-state-code = используйте трехбуквенные коды, например DEU, разделенные пробелами или запятыми
invalid-check-levels = выберите политический уровень, технический уровень или оба
invalid-check-control-characters = не должно содержать управляющих символов, кроме переносов строк
mail-check-subject = Проверка связи: пожалуйста, ответьте в течение { $hours } ч
mail-check-reminder-subject = Напоминание: проверка связи, пожалуйста, ответьте до { $deadline }
mail-check-reminder-intro = Вы еще не ответили на эту проверку связи. Это единственное напоминание.
mail-check-intro = Это проверка связи в сети контактных пунктов ОБСЕ (CBM 8) для { $name } ({ $level }, { $state }).
mail-check-message = Сообщение администратора сети:
mail-check-deadline = Пожалуйста, ответьте до { $deadline }.
mail-check-answer-link = Чтобы ответить, откройте эту ссылку и подтвердите ответ (вход в систему не требуется; ссылка действует один раз): { $url }
mail-check-answer-app = Или войдите в систему и ответьте в разделе «Проверки»: { $url }
mail-check-answer-signed = Чтобы подтвердить, что ваш зарегистрированный ключ OpenPGP по-прежнему работает, ответьте подписанным сообщением: { $command } — или с помощью GnuPG: { $gpg }
nav-requests = Запросы
nav-channel-stats = Канал
requests-title = Защищенные запросы
requests-intro = Запросы между государствами по защищенному каналу. Тема, текст и вложения защищены сквозным шифрованием ключами контактных пунктов: сервер и администратор сети видят только «конверт».
requests-new = Новый запрос
requests-empty = Запросов пока нет.
requests-cli-hint = Клиент командной строки выполнит шифрование за вас: { $command }
col-request = №
col-from = От кого
col-to = Кому
col-kind = Вид
col-urgency = Срочность
col-level = Уровень
col-tlp = Метка TLP
col-messages = Сообщения
kind-consultation = Консультации
kind-information-request = Запрос информации
kind-assistance-request = Запрос о помощи
kind-incident-notification = Уведомление об инциденте
kind-vulnerability-information = Информация об уязвимости
kind-general = Общий вопрос
urgency-routine = Обычный
urgency-priority = Приоритетный
urgency-urgent = Срочный
leg-sent = Отправлен
leg-delivered = Доставлен
leg-acknowledged = Получение подтверждено
leg-answered = Дан ответ
leg-closed = Закрыт
request-title = Запрос { $id }
request-closed = закрыт
request-sent-by = Отправитель
request-language = Язык содержания
request-legs = Государства-получатели
col-acknowledge-by = Подтвердить получение до
col-acknowledged = Получение подтверждено
col-escalated = Передан на политический уровень
request-overdue = просрочен
request-messages = Сообщения
col-seq = №
col-size = Размер (байт)
col-sha256 = Хеш SHA-256
request-download = Скачать (.asc)
request-left-out = Эти контактные пункты не могут прочитать последнее сообщение (нет пригодного ключа): { $names }
request-acknowledge = Подтвердить получение
request-close = Закрыть
request-escalate = Передать на политический уровень сейчас
request-reply = Ответить
request-reply-help = Зашифруйте свой ответ ключами этой переписки, затем загрузите файл или вставьте текст в формате ASCII armor.
request-keys-link = Ключи для шифрования
request-feedback = Отзыв для администратора сети (без содержания): был ли этот обмен полезен?
request-feedback-yes = Полезен
request-feedback-no = Не полезен
request-message-file = Зашифрованное сообщение: файл в формате ASCII armor (.asc)
request-message-text = или вставьте сообщение в формате ASCII armor
request-send = Отправить
request-new-help = Выберите получателей и уровень, скачайте их ключи, зашифруйте тему, текст и вложения именно этими ключами, затем загрузите результат.
field-to = Государства-получатели (коды, например AUT EST)
field-urgency = Срочность
field-level = Уровень
field-tlp = Метка TLP
field-language = Язык содержания
keys-title = Ключи для шифрования
keys-intro = Зашифруйте для каждого из этих ключей, не больше и не меньше: пригодные ключи контактных пунктов получателей на этом уровне и вашего государства, ваш собственный ключ, а для запроса технического уровня — ключи политического уровня получателей (они прочтут его при эскалации).
keys-download = Скачать эти ключи (.asc)
keys-show = Показать ключи
request-step-recipients = Получатели и уровень
request-step-message = Зашифрованное сообщение
request-step-envelope = Конверт (виден оператору)
keys-first = Укажите получателей и уровень, затем покажите их ключи.
keys-gpg = В GnuPG: импортируйте ключи, затем зашифруйте сообщение (сообщение MIME или текст, первая строка которого — «Subject: …»):
col-contact = Контакт
col-fingerprint = Отпечаток
keys-left-out = Не включены (нет пригодного ключа)
reason-no-key = ключ не зарегистрирован
reason-expired = срок действия ключа истек
reason-revoked = ключ отозван
reason-unusable = ключ непригоден
channel-stats-title = Защищенный канал: статистика
channel-stats-intro = Как используется канал: только количество и время. Содержание запросов никогда не доступно администратору сети.
stats-requests = Запросы
stats-messages = Сообщения
stats-legs = Охваченные государства-получатели
stats-acknowledged = Получение подтверждено
stats-acknowledged-on-time = Получение подтверждено в срок
stats-escalated = Передано на политический уровень
stats-median-ack = Медианное время подтверждения получения
stats-p90-ack = 90-й процентиль времени подтверждения получения
stats-feedback = Отзывы: полезен / не полезен
stats-by-kind = По видам
stats-by-urgency = По срочности
stats-by-level = По уровням
invalid-request-no-recipients = выберите хотя бы одно государство-получатель
invalid-request-own-state = запрос направляется другим государствам, а не вашему собственному
invalid-request-repeated = { $value } указано дважды
invalid-request-unknown-state = { $value } не является государством ОБСЕ
invalid-request-language = «{ $value }» не является официальным языком ОБСЕ (en, fr, de, it, ru, es)
invalid-request-unaddressable-policy = { $states }: направить запрос на политическом уровне невозможно, так как ни у одного контактного пункта этого уровня нет пригодного ключа
invalid-request-unaddressable-technical = { $states }: направить запрос на техническом уровне невозможно, так как ни у одного контактного пункта этого уровня нет пригодного ключа
invalid-request-unaddressable-policy-other = { $states }: направить запрос на политическом уровне невозможно, так как ни у одного контактного пункта этого уровня нет пригодного ключа; { $other_states }: запрос можно направить на техническом уровне
invalid-request-unaddressable-technical-other = { $states }: направить запрос на техническом уровне невозможно, так как ни у одного контактного пункта этого уровня нет пригодного ключа; { $other_states }: запрос можно направить на политическом уровне
invalid-request-malformed = сообщение не является сообщением OpenPGP: { $detail }
invalid-request-not-encrypted = сообщение не зашифровано: требуется сообщение OpenPGP, зашифрованное ключами получателей
invalid-request-unprotected = в сообщении используется устаревшее шифрование без защиты целостности; зашифруйте его с помощью современной реализации OpenPGP
invalid-request-password = сообщение зашифровано паролем; зашифруйте его только открытыми ключами получателей
invalid-request-anonymous = сообщение зашифровано для анонимного получателя, что невозможно проверить; явно укажите каждого получателя
invalid-request-duplicate = сообщение дважды зашифровано для { $key }
invalid-request-unexpected-packet = сообщение содержит пакет { $packet }: защищённое сообщение состоит из сеансовых ключей, зашифрованных открытыми ключами, одного пакета зашифрованных данных и необязательного заполнения, и ничего больше
invalid-request-key-set = сообщение зашифровано не в точности требуемыми ключами; отсутствуют: { $missing }; не входят в набор ключей: { $extra }
invalid-request-key-set-missing = сообщение зашифровано не всеми требуемыми ключами; отсутствуют: { $missing }
invalid-request-key-set-extra = сообщение зашифровано ключами, не входящими в набор ключей: { $extra }
invalid-request-too-many-sent = ваше государство отправило { $max } защищённых сообщений за последние 24 часа — это суточный максимум; повторите позже или обратитесь к администратору сети
invalid-request-too-much-sent = защищённые сообщения вашего государства за последние 24 часа достигают { $max } МиБ — это суточный максимум; повторите позже или обратитесь к администратору сети
mail-request-subject = [Liaison] { $urgency }: { $kind } от { $state } (запрос { $id })
mail-request-reply-subject = [Liaison] Ответ от { $state } по запросу { $id }
mail-request-ack-subject = [Liaison] Государство { $state } подтвердило получение запроса { $id }
mail-request-ack-body = Государство { $state } подтвердило получение вашего запроса { $id } { $at }. Переписка: { $url }
mail-request-escalated-subject = [Liaison] Неподтвержденный запрос { $id } от { $from } в адрес { $state }
mail-request-escalated-body = Государство { $from } { $sent } направило контактным пунктам государства { $state } ({ $level }) запрос: { $urgency }, { $kind }. Получение требовалось подтвердить до { $deadline }, однако этого сделано не было. Просим вас обеспечить рассмотрение запроса; его содержание зашифровано для контактных пунктов этого уровня. Переписка: { $url }

# Transparency log
nav-transparency = Прозрачность
log-title = Журнал прозрачности
log-intro = Каждое изменение справочника (контакт или структура создан, изменён, подтверждён или выведен, ключ зарегистрирован) — это лист дерева Меркла, в которое можно только добавлять (RFC 9162). Сервер подписывает каждую вершину дерева ключом ниже, чтобы каждое государство могло проверить, что ни один контакт и ни один ключ не был изменён незаметно.
log-key = Ключ журнала
log-key-algorithm = Алгоритм
log-key-public = Открытый ключ
log-key-id = Идентификатор ключа
log-key-created = Создан
log-key-pin = Закрепите этот ключ в своей программе проверки: она проверяет каждую подписанную вершину, согласованность с последней увиденной вершиной и включение каждого прочитанного контакта.
log-head = Последняя подписанная вершина дерева
log-head-size = Размер дерева
log-head-root = Корневой хеш
log-head-time = Подписана (UTC)
log-head-signature = Подпись
log-own = Записи: { $state }
log-own-intro = Находится ли текущая версия каждой из ваших записей в подписанном дереве и совпадает ли она со справочником — проверено здесь, на сервере. Запустите программу проверки для проверки, не зависящей от сервера.
log-version = Версия
log-leaf = Лист
log-proof = Доказательство
log-proven = В подписанном дереве
log-not-proven = Не доказано
log-verified = Проверено государствами
log-verified-intro = Вершина дерева, которую каждое государство проверило и опубликовало последней (командой liaison verify --publish).
log-state = Государство
log-verified-on = Проверено
log-behind-col = С тех пор
log-up-to-date = Актуально
log-behind = { $count ->
    [one] { $count } новая запись
    [few] { $count } новые записи
    [many] { $count } новых записей
   *[other] { $count } новой записи
}
log-verified-none = Ни одно государство ещё не опубликовало проверенную вершину.
log-recent = Последние записи
log-appended = Добавлено
log-contact = Контакт
log-change = Изменение
log-fingerprint = Отпечаток ключа
log-heads = Последние вершины дерева
audit-log-intact = Журнал прозрачности не нарушен: { $leaves } листьев и { $heads } подписанных вершин соответствуют справочнику.
audit-log-broken = Журнал прозрачности не соответствует своим листьям или справочнику:

# Annual information exchange (CBMs 1, 4, 6, 7, 9, 15)
nav-exchange = Обмен
exchange-title = Обмен информацией
exchange-intro = Ежегодно каждое государство-участник сводит информацию, представляемую в рамках CBM, в единый сводный документ, который распространяется среди всех государств-участников под регистрационным номером документа и по которому они могут направлять уточняющие запросы.
exchange-cycles = Циклы
exchange-no-cycles = Ни один цикл обмена еще не открыт.
exchange-year = Год
exchange-opens-on = Дата открытия
exchange-deadline = Крайний срок
exchange-deadline-hint = Оставьте поле пустым, чтобы установить 31 октября соответствующего года; для согласования с графиком ООН можно указать любую дату.
exchange-sections = Разделы
exchange-section = Раздел
exchange-circulation = Распространение
exchange-circulation-on-submission = При представлении
exchange-circulation-by-manager = Администратором сети
exchange-pattern = Шаблон регистрационного номера документа
exchange-pattern-hint = Порядковый номер года и год подставляются, как в PC.DEL/682/27.
exchange-open = Открыть цикл
exchange-open-now = Открыть этот цикл
exchange-across-years = Представления по годам
exchange-counts = Представлено в срок: { $on_time } · с опозданием: { $late } · еще не представлено: { $not_yet }
exchange-own-submission = Представление вашего государства
exchange-progress = Государства-участники
exchange-status = Статус
exchange-status-not-started = Не начато
exchange-status-draft = Проект
exchange-status-submitted = Представлено, ожидает распространения
exchange-status-circulated = Распространено
exchange-status-revising = Распространено, идет пересмотр
exchange-submitted-at = Дата представления
exchange-reference = Регистрационный номер
exchange-late = с опозданием
exchange-circulated-on = Дата распространения
exchange-section-threats = Национальные взгляды на угрозы
exchange-section-open-internet = Меры по обеспечению открытого, совместимого, безопасного и надежного Интернета
exchange-section-legislation = Законодательство в области сотрудничества
exchange-section-organisation = Национальная организация, стратегии, политика и программы
exchange-section-terminology = Национальная терминология
exchange-section-critical-infrastructure = Категории критической инфраструктуры
exchange-term = Термин
exchange-definition = Определение
exchange-english-term = Термин на английском языке
exchange-english-definition = Определение на английском языке
exchange-source = Источник
exchange-saved = Сохранено.
exchange-autosaved = Сохранено автоматически
exchange-submitted-notice = Представлено.
exchange-documents = Распространенные документы
exchange-changes = Изменения
exchange-changes-between = Изменения между { $from } и { $to }
exchange-unchanged = без изменений
exchange-circulate = Распространить
exchange-circulate-reference = Номер документа (необязательно)
exchange-circulate-reference-hint = Номер, присвоенный системой документов ОБСЕ; если поле пустое, вклад получит следующий номер по шаблону цикла.
exchange-aliases = Также известен как:
exchange-record-reference = Записать номер, присвоенный системой документов ОБСЕ
exchange-record-reference-now = Записать
exchange-record-reference-hint = Текущий номер сохраняется как псевдоним и по-прежнему ведёт к этому документу. Изменение записывается в журнал аудита.
exchange-draft = Проект
exchange-draft-hint = Проект доступен только вашему государству; каждое сохранение хранится как отдельная версия. Во время работы над текстом он сохраняется автоматически.
exchange-not-ready = Пока не готово к представлению:
exchange-version = Версия { $version }
exchange-language = Язык
exchange-text = Текст (Markdown)
exchange-english = Перевод на английский язык (Markdown; требуется, если текст составлен не на английском языке)
exchange-markdown-hint = Заголовки, списки, выделение, таблицы и ссылки сохраняются; изображения опускаются, а HTML показывается как текст.
exchange-not-provided = В этом году не представлен
exchange-not-provided-declare = В этом году не представлен (раздел считается отвеченным)
exchange-not-provided-reason = Причина (необязательно)
exchange-not-provided-hint = Решение оставляет объём вклада на усмотрение каждого государства. У непредставленного раздела нет текста, перевода и терминов; в распространённом документе об этом говорится.
exchange-not-provided-document = Этот раздел в этом году не представлен.
exchange-not-provided-because = Указанная причина: { $reason }
exchange-not-provided-count = не представлено: { $count }
exchange-terms-count = { $count ->
    [one] { $count } термин
    [few] { $count } термина
    [many] { $count } терминов
   *[other] { $count } термина
}
exchange-terms-import = Импортировать термины из CSV
exchange-terms-file = Файл CSV
exchange-terms-hint = Столбцы: term, language, definition, english_term, english_definition, source. Файл, содержащий хотя бы одну ошибку, отклоняется целиком.
exchange-terms-import-now = Импортировать
exchange-save = Сохранить
exchange-submit = Представить информацию
exchange-submit-revision = Представить пересмотренный вариант
exchange-not-circulated = Еще не распространено. Другие государства видят только ход подготовки проекта.
exchange-not-circulated-short = не распространено
exchange-export-html = Экспорт (HTML)
exchange-export-pdf = Экспорт (PDF)
exchange-attachments = Вложения
size-b = { $n } Б
size-kib = { $n } КиБ
size-mib = { $n } МиБ
size-gib = { $n } ГиБ
time-left-days = осталось { $days } д { $hours } ч
time-left-hours = осталось { $hours } ч { $minutes } мин
time-left-minutes = осталось { $minutes } мин
exchange-attachment-remove = Удалить
exchange-attach = Приложить файл
exchange-attach-hint = Закон или стратегия в опубликованном виде, не более 10 МиБ; до десяти файлов на раздел. Читатели скачивают файл точно в том виде, в каком он приложен.
exchange-attach-now = Приложить
exchange-inquiries = Уточняющие запросы
exchange-no-inquiries = Нет уточняющих запросов, доступных вам для чтения.
exchange-inquiry-from = Уточняющий запрос от государства { $state }
exchange-public = открытый
exchange-reply = Ответить
exchange-send = Отправить
exchange-make-public = Открыть эту переписку для всех государств-участников
exchange-make-private = Оставить эту переписку только между двумя государствами
exchange-inquire = Направить уточняющий запрос
exchange-inquiry-section = Предмет запроса
exchange-whole-submission = Представление в целом
exchange-question = Вопрос
exchange-inquire-now = Отправить запрос
invalid-exchange-year = { $year } не является годом обмена (от 2013 до 2100)
invalid-exchange-year-format = укажите год четырьмя цифрами
invalid-exchange-opens-after-deadline = цикл открывается { $opens_on }, то есть позже своего крайнего срока { $deadline }
invalid-exchange-no-sections = выберите хотя бы один раздел
invalid-exchange-duplicate-section = раздел { $section } выбран дважды
invalid-exchange-pattern = шаблон регистрационного номера документа непригоден: { $problem }
invalid-exchange-empty-section = раздел { $section } обязателен, но не заполнен
invalid-exchange-language = раздел { $section } составлен на языке «{ $language }», который не является официальным языком ОБСЕ (en, fr, de, it, ru, es)
invalid-exchange-missing-translation = раздел { $section } составлен на языке «{ $language }», и для него требуется перевод на английский язык
invalid-exchange-not-asked = раздел { $section } в этом цикле не запрашивается
invalid-exchange-term = термин { $number }: { $problem }
invalid-exchange-not-open = цикл открывается { $opens_on }; подготовка проекта начинается с этой даты
invalid-exchange-awaiting-circulation = представление ожидает распространения и не может быть изменено до тех пор, пока оно не будет распространено
invalid-exchange-nothing-to-revise = по сравнению с распространенной версией ничего не изменилось; чтобы представить пересмотренный вариант, измените какой-либо раздел
invalid-exchange-not-submitted = распространяется только представленная информация
invalid-exchange-too-long = текст может содержать не более { $max } знаков
invalid-exchange-too-deep = в тексте цитаты и списки могут быть вложены не более чем на { $max } уровней
invalid-exchange-empty-post = напишите сообщение
invalid-exchange-too-many-posts = по этому запросу за последний час получено { $max } сообщений; подождите, прежде чем писать снова
invalid-exchange-too-heavy = оформление текста слишком сложное: на странице он занял бы более { $max } КиБ
invalid-exchange-too-much-saved = за последние сутки в этот проект сохранено более { $max } МиБ текста; подождите, прежде чем сохранять снова
invalid-exchange-too-many-inquiries = ваше государство открыло { $max } запросов за последние сутки; подождите, прежде чем открывать новый
invalid-exchange-attachment-name = у вложения должно быть имя файла (не более 200 символов, без пути)
invalid-exchange-attachment-empty = вложение — пустой файл
invalid-exchange-attachment-too-large = вложение может быть не больше { $max } МиБ
invalid-exchange-too-many-attachments = к разделу можно приложить не более { $max } файлов
invalid-exchange-not-provided-with-text = у раздела, не представленного в этом году, нет текста, перевода и терминов; удалите их или представьте раздел
invalid-exchange-reason-too-long = причина может содержать не более { $max } символов
invalid-exchange-reference-format = номер документа состоит из 1–{ $max } печатных символов ASCII, например PC.DEL/1234/27
invalid-exchange-reference-taken = другой документ имеет или имел номер { $reference }
mail-exchange-opened-subject = Liaison: открыт обмен информацией за { $year } год
mail-exchange-opened-body = Администратор сети открыл цикл ежегодного обмена информацией за { $year } год. Подготовка проекта начинается { $opens_on }; крайний срок — { $deadline }. Подготовить сводную информацию вашего государства можно здесь: { $url }
mail-exchange-circulated-subject = Liaison: распространен документ { $reference } ({ $state })
mail-exchange-circulated-body = { $revision ->
    [0] Информация государства { $state } за { $year } год распространена под номером { $reference }.
   *[other] Пересмотренный вариант информации государства { $state } за { $year } год распространен под номером { $reference }.
} Ознакомиться с документом и направить уточняющие запросы можно здесь: { $url }
mail-exchange-inquiry-subject = Liaison: уточняющий запрос по документу { $reference }
mail-exchange-inquiry-body = Государство { $state } направило сообщение в рамках уточняющего запроса по документу { $reference }. Прочитать его и ответить можно здесь: { $url }
mail-login-locked-subject = Liaison: вход в вашу учётную запись с одного адреса заблокирован
mail-login-locked-body = С адреса { $address } было { $failures } неудачных попыток входа в вашу учётную запись { $username }. Вход с этого адреса заблокирован до { $until }; с любого другого адреса вы входите как обычно. Если это были не вы, сообщите администратору сети; если вы — подождите и попробуйте снова.
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
moment = { $day } { $month } { $year } г., { $time }
day-date = { $day } { $month } { $year } г.
moment-in-zone = { $moment } { $zone } ({ $utc } UTC)
moment-utc = { $moment } UTC
