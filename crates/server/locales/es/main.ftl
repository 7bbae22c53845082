app-name = Liaison
footer-text = Liaison · Medidas de fomento de la confianza de la OSCE en materia de ciberseguridad y TIC · Decisión Nº 1202
nav-skip = Ir al contenido
nav-label = Navegación principal
nav-directory = Directorio
nav-import = Importación
nav-audit = Registro de auditoría
nav-security = Seguridad
nav-language = Idioma
nav-logout = Cerrar sesión
action-apply = Aplicar
action-save = Guardar
action-cancel = Cancelar
yes = Sí
no = No
missing = falta
none-yet = Todavía no hay ninguno.

role-manager = Administrador de la red
role-coordinator = Coordinador nacional
role-poc = Punto de contacto
role-observer = Observador
role-auditor = Auditor

login-title = Inicio de sesión
login-intro = Inicie sesión en la red de puntos de contacto de la OSCE.
login-submit = Iniciar sesión
login-failed = El nombre de usuario o la contraseña no son correctos.
login-rate-limited = Demasiados intentos. Espere un minuto y vuelva a intentarlo.
field-username = Nombre de usuario
field-password = Contraseña
field-totp-code = Código de seis dígitos de su aplicación de autenticación

totp-login-title = Segundo factor
totp-login-intro = Introduzca el código que su aplicación de autenticación muestra para Liaison.
totp-verify = Verificar
totp-title = Autenticación de dos factores
totp-intro = Proteja su cuenta con un código de un solo uso basado en el tiempo (TOTP) generado por una aplicación de autenticación.
totp-required = Este servidor exige la autenticación de dos factores para todas las cuentas. Actívela ahora para continuar.
totp-start = Configurar la autenticación de dos factores
totp-scan = Escanee este código QR con su aplicación de autenticación y, a continuación, introduzca el código que aparezca.
totp-qr-alt = Código QR del secreto TOTP
totp-secret-once = O bien introduzca este secreto en la aplicación. Solo se muestra una vez:
totp-confirm = Confirmar y activar
totp-enabled = La autenticación de dos factores está activada para su cuenta.

states-title = Directorio de puntos de contacto
states-summary = { $complete } de los { $participating } Estados participantes { $complete ->
    [one] cuenta
   *[other] cuentan
} con un punto de contacto vigente tanto de nivel político como de nivel técnico.
states-filter = Filtrar Estados
states-caption = { $count ->
    [one] Un Estado
   *[other] { $count } Estados
}
filter-all = Todos
filter-overdue = Vencidos
filter-due-soon = Próximos a vencer
filter-late = Notificados con retraso
filter-no-policy = Sin punto de contacto de nivel político
filter-no-technical = Sin punto de contacto de nivel técnico
filter-incomplete = Incompletos
col-state = Estado
col-status = Condición
col-contacts = Contactos
col-late = Notificaciones tardías (12 meses)
col-policy = Nivel político
col-technical = Nivel técnico
col-next-due = Próximo vencimiento
col-last-confirmed = Última confirmación
col-key = Clave OpenPGP
col-annual = Actualización anual
col-due-on = Vencimiento
col-version = Versión
col-change = Cambio
col-recorded-at = Registro
col-recorded-by = Autor
col-notified = Notificación
col-details = Detalles
state-status-participating = Estado participante
state-status-partner-asian = Socio asiático para la Cooperación
state-status-partner-mediterranean = Socio mediterráneo para la Cooperación
status-current = Vigente
status-due-soon = Próximo a vencer
status-overdue = Vencido
level-policy = Punto de contacto de nivel político
level-technical = Punto de contacto de nivel técnico
structure-national-csirt = CERT/CSIRT nacional
structure-government-csirt = CERT/CSIRT gubernamental
structure-ministry = Ministerio
structure-law-enforcement = Organismo encargado de hacer cumplir la ley
structure-regulator = Organismo regulador
structure-other = Otra estructura nacional

entry-complete = Completo conforme a la CBM 8
entry-incomplete = Incompleto conforme a la CBM 8
entry-confirm = Revisado, sin cambios
entry-confirm-hint = Al confirmar la entrada se deja constancia de que se ha revisado cada contacto y se reinicia el plazo de 12 meses (CBM 8: actualización anual de los datos de contacto).
aggregate-only = Su cuenta solo tiene acceso a las cifras agregadas de este Estado.
section-pocs = Puntos de contacto
section-structures = Estructuras nacionales
section-retired = Contactos dados de baja
export-csv = Exportar el directorio (CSV)
export-vcard-state = vCard de todos los contactos
export-nomination = Designación para el Directorio mundial de puntos de contacto de las Naciones Unidas (JSON)
export-vcard = vCard

contact-add = Añadir un contacto
contact-edit = Editar
contact-retire = Dar de baja
contact-retired = dado de baja
contact-new-title = Nuevo contacto
contact-edit-title = Modificación de un contacto
contact-confirmed-due = confirmado el { $confirmed }, vence el { $due }
field-kind = Tipo
field-name = Nombre o cargo
field-function = Cargo
field-organisation = Organización
field-email = Correo electrónico
field-phone = Teléfono
field-time-zone = Zona horaria
field-languages = Idiomas
field-website = Sitio web
field-notes = Observaciones
field-available = Disponible las 24 horas, todos los días
field-deputy = Suplente
field-effective-on = Fecha en que el cambio surtió efecto
hint-languages = Códigos de dos letras separados por espacios, por ejemplo: en fr ru.
hint-effective-on = Los cambios registrados más de 30 días después de surtir efecto se marcan como notificados con retraso (CBM 8).
form-has-errors = Corrija lo siguiente:

history-title = Historial
history-summary = { $versions ->
    [one] Una versión
   *[other] { $versions } versiones
}, { $late ->
    [0] ninguna notificada con retraso.
    [one] una notificada con retraso.
   *[other] { $late } notificadas con retraso.
}
change-created = Creación
change-changed = Modificación
change-key = Registro de la clave
change-confirmed = Confirmación
change-retired = Baja
notified-late = con retraso
notified-on-time = en plazo

key-upload = Registrar una clave OpenPGP
key-intro = Pegue la clave pública OpenPGP del contacto en formato ASCII armor. Se rechazan las claves caducadas, revocadas o que no permiten cifrar.
key-current = Clave registrada:
key-armored = Clave pública (ASCII armor)
key-submit = Registrar la clave
key-download = Descargar
key-none = No hay ninguna clave registrada.
key-expires = caduca el { $date }

import-title = Importación de contactos desde CSV
import-intro = Pegue el CSV del directorio (en el mismo formato que la exportación). Primero se comprueba cada fila; si alguna fila presenta un problema, no se importa nada.
import-csv = CSV
import-submit = Importar
import-done = Importación realizada. Añadidos: { $created }; modificados: { $changed }; sin cambios: { $unchanged }.
import-refused = No se ha importado nada. Corrija estas líneas y vuelva a intentarlo:
import-line = Línea { $line }

audit-title = Registro de auditoría
audit-intro = Cada cambio, quién lo hizo y cuándo, encadenado mediante hash para que se detecte cualquier alteración.
audit-verify = Verificar la cadena
audit-intact = { $rows ->
    [one] La cadena de una entrada está intacta.
   *[other] La cadena de { $rows } entradas está intacta.
}
audit-broken = La cadena está rota en la entrada { $seq }.
audit-at = Hora (UTC)
audit-actor = Autor
audit-event = Evento
audit-subject = Objeto
audit-hash = Hash
audit-older = Entradas anteriores

error-title = Se ha producido un error
error-reference = Referencia para la Secretaría: { $id }
error-back = Volver a la página de inicio

mail-reminder-subject = Liaison: confirmación de los puntos de contacto ({ $state })
mail-reminder-intro = { $count ->
    [one] El siguiente contacto ({ $state }) debe someterse a su actualización anual (CBM 8). Le rogamos que lo confirme o lo actualice.
   *[other] Los siguientes { $count } contactos ({ $state }) deben someterse a su actualización anual (CBM 8). Le rogamos que los confirme o los actualice.
}
mail-reminder-action = Confirme o actualice la entrada aquí: { $url }

# Accounts (network manager)
nav-accounts = Cuentas
accounts-title = Cuentas
accounts-new = Nueva cuenta
accounts-created = Se ha creado la cuenta { $username }. Comunique la contraseña inicial a su titular por un canal distinto.
accounts-state-hint = Para los coordinadores nacionales y los puntos de contacto: el código de tres letras del Estado, por ejemplo, DEU.
accounts-initial-password = Contraseña inicial (12 caracteres como mínimo)
accounts-create = Crear la cuenta
field-display-name = Nombre visible
field-role = Rol

# Validation messages of the forms
invalid-kind = elija un tipo de contacto de la lista
invalid-date-format = indique la fecha en que el cambio entró en vigor (AAAA-MM-DD)
invalid-too-long = { $max } caracteres como máximo
invalid-control-characters = no debe contener caracteres de control
invalid-required = obligatorio
invalid-required-name = obligatorio: el nombre de la persona o el cargo
invalid-required-structure-name = obligatorio: el nombre de la estructura
invalid-email = «{ $value }» no es una dirección de correo electrónico
invalid-phone = utilice el formato internacional: «+», el prefijo del país y el número, por ejemplo +49 228 99 9582 0
invalid-time-zone = «{ $value }» no es una zona horaria IANA como Europe/Vienna
invalid-language = «{ $value }» no es un código de idioma ISO 639-1 de dos letras como en
invalid-website = debe ser una dirección web que empiece por https://
invalid-date-before-1990 = { $date } es anterior a 1990; compruebe el año
invalid-date-too-far-ahead = { $date } está a más de un año; anuncie los cambios con un año de antelación como máximo
totp-wrong-code = El código es incorrecto, ha caducado o ya se ha utilizado.
totp-login-restart = Iniciar sesión con otra cuenta
key-file = Archivo de clave (.asc)

# Validation messages of the account form
invalid-username = el nombre de usuario debe tener de 3 a 64 caracteres: minúsculas, cifras, «.», «-» o «_»
invalid-password-too-short = la contraseña debe tener al menos 12 caracteres
invalid-password-too-long = la contraseña puede tener como máximo 256 caracteres
invalid-state-required = los coordinadores y los puntos de contacto pertenecen a un Estado
invalid-state-not-allowed = solo los coordinadores y los puntos de contacto pertenecen a un Estado
invalid-role = función desconocida «{ $value }» (manager, coordinator, poc, observer, auditor)
invalid-state-code = «{ $value }» no es un código ISO 3166 de tres letras como DEU
invalid-username-taken = el nombre de usuario «{ $value }» ya está en uso
invalid-unknown-state = ningún Estado tiene el código { $value }
invalid-contact-not-allowed = solo la cuenta de un punto de contacto se vincula a un contacto del directorio
invalid-unknown-contact = no hay ningún contacto con el identificador { $value }
invalid-contact-elsewhere = el contacto { $value } pertenece a la entrada de otro Estado
invalid-not-a-point-of-contact = el contacto { $value } no es un punto de contacto activo (una estructura nacional, o retirado)
accounts-contact = Contacto del directorio (identificador)
accounts-contact-hint = Para un punto de contacto: el identificador de su propia entrada en el directorio (el número en /contacts/…), para que responda a las pruebas de comunicación en la aplicación.

## Communication checks
nav-checks = Pruebas
checks-title = Pruebas de comunicación
checks-intro = El administrador de la red pone a prueba la red enviando una solicitud a cada punto de contacto; cada contacto responde mediante el enlace del correo electrónico, aquí en la aplicación o con una respuesta firmada con su clave OpenPGP registrada.
checks-trend-title = Evolución de las pruebas
checks-response-rate = Tasa de respuesta
checks-median = Mediana del tiempo de respuesta
checks-open = abierta
checks-closed = cerrada
checks-none = Todavía no hay pruebas de comunicación.
checks-older = Pruebas anteriores
checks-default-message = Prueba de comunicación ordinaria de la red de puntos de contacto de la OSCE (CBM 8). Le rogamos que confirme que recibe este mensaje.
checks-answered-thanks = Gracias: se ha registrado su respuesta.
checks-mine-title = Solicitudes dirigidas a usted
checks-answer-now = Responder ahora
checks-notice = { $count ->
    [one] Una prueba de comunicación está a la espera de su respuesta.
   *[other] { $count } pruebas de comunicación están a la espera de su respuesta.
}
checks-launch = Iniciar una prueba
checks-launch-now = Iniciar la prueba
checks-launch-hint = Cada punto de contacto activo de los niveles elegidos en los Estados incluidos recibe una solicitud de un solo uso por correo electrónico y en la aplicación. Los tiempos de respuesta se cuentan a partir de la hora en que se envió la solicitud a cada contacto.
checks-caption = { $count ->
    [one] Una prueba
   *[other] { $count } pruebas
}
checks-unreachable-count = { $count ->
    [one] un contacto ilocalizable
   *[other] { $count } contactos ilocalizables
}
col-check = Prueba
col-sent-at = Envío
col-deadline = Fecha límite de respuesta
col-outcome = Resultado
col-launched = Inicio
col-closes = Cierre
col-scope = Alcance
col-levels = Niveles
col-window = Plazo de respuesta
col-states-reached = Estados contactados
col-response-time = Tiempo de respuesta
col-answer-way = Vía de respuesta
col-last-check = Última prueba
col-unreachable = Ilocalizables
scope-all = Todos los Estados participantes
scope-region = Una región
scope-states = Los siguientes Estados (códigos)
levels-both = Nivel político y técnico
levels-policy = Nivel político
levels-technical = Nivel técnico
hours = { $count ->
    [one] { $count } hora
   *[other] { $count } horas
}
region-northern-america = América septentrional
region-northern-europe = Europa septentrional
region-western-europe = Europa occidental
region-southern-europe = Europa meridional
region-eastern-europe = Europa oriental
region-western-asia = Asia occidental
region-central-asia = Asia central
region-eastern-asia = Asia oriental
outcome-pending = Pendiente
outcome-on-time = En plazo
outcome-late = Con retraso
outcome-no-answer = Sin respuesta
outcome-delivery-failed = Entrega fallida
way-link = enlace
way-app = aplicación
way-signed-reply = respuesta firmada
field-window-hours = Plazo de respuesta (horas)
field-spread-hours = Escalonamiento (horas)
field-spread-hint = Cada solicitud se envía en un momento aleatorio dentro de ese número de horas tras el inicio, para que ninguna zona horaria la reciba siempre de noche. Con 0, todas las solicitudes se envían a la vez; como máximo, la mitad del plazo de respuesta.
field-check-message = Mensaje (en inglés)
check-title = Prueba de comunicación #{ $id }
check-spread = solicitudes enviadas en las { $hours } h siguientes al inicio
check-figures = Cifras
check-key-verified = clave verificada
check-key-verified-count = Respuestas verificadas con clave
check-no-contact = Niveles sin contacto
check-no-contact-short = sin contacto
check-export-csv = Resultados en CSV
check-states-caption = Estados
check-contacts-caption = { $count ->
    [one] Un contacto sometido a prueba
   *[other] { $count } contactos sometidos a prueba
}
check-reached = Contactado
check-not-reached = No contactado
check-reminded = recordatorio enviado
check-aggregate-only = Su cuenta solo tiene acceso a las cifras de las pruebas; los resultados de cada Estado están reservados al administrador de la red y al propio Estado.
unreachable = ilocalizable
filter-unreachable = Contactos ilocalizables
contact-checks-title = Pruebas de comunicación
contact-unreachable = Este contacto no respondió a las dos últimas pruebas de comunicación: está marcado como ilocalizable.
answer-title = Prueba de comunicación
answer-confirm = Sí, recibo este mensaje: registrar mi respuesta
answer-hint = El enlace solo funciona una vez. Abrirlo no equivale a responder; solo este botón registra la respuesta.
answer-recorded = Gracias, { $name }: se ha registrado su respuesta ({ $minutes } después del envío de la solicitud).
answer-already = Esta solicitud ya se respondió el { $at } UTC.
answer-closed = Esta prueba está cerrada; sus resultados son definitivos y ya no se acepta ninguna respuesta.
invalid-check-window = entre 1 y { $max } horas
invalid-check-spread = como máximo, la mitad del plazo de respuesta: { $max } horas
invalid-check-no-states = elija al menos un Estado
invalid-check-not-participating = { $value } no es un Estado participante
invalid-check-scope = elija todos los Estados, una región o una lista de Estados
invalid-check-region = elija una región
invalid-check-state-code = utilice códigos de tres letras como DEU, separados por espacios o comas
invalid-check-levels = elija el nivel político, el nivel técnico o ambos
invalid-check-control-characters = no debe contener caracteres de control distintos de los saltos de línea
mail-check-subject = Prueba de comunicación: le rogamos que responda en un plazo de { $hours } horas
mail-check-reminder-subject = Recordatorio: prueba de comunicación, le rogamos que responda antes del { $deadline }
mail-check-reminder-intro = Todavía no ha respondido a esta prueba de comunicación. Este es el único recordatorio.
mail-check-intro = Esta es una prueba de comunicación de la red de puntos de contacto de la OSCE (CBM 8), dirigida a { $name } ({ $level }, { $state }).
mail-check-message = Mensaje del administrador de la red:
mail-check-deadline = Le rogamos que responda antes del { $deadline }.
mail-check-answer-link = Responda abriendo este enlace y confirmando (no es necesario iniciar sesión; el enlace solo funciona una vez): { $url }
mail-check-answer-app = O bien inicie sesión y responda en «Pruebas»: { $url }
mail-check-answer-signed = Para demostrar que su clave OpenPGP registrada sigue funcionando, responda con un mensaje firmado: { $command } — o con GnuPG: { $gpg }
nav-requests = Solicitudes
nav-channel-stats = Canal
requests-title = Solicitudes protegidas
requests-intro = Solicitudes entre Estados a través del canal protegido. El asunto, el cuerpo y los archivos adjuntos se cifran de extremo a extremo con las claves de los puntos de contacto: el servidor y el administrador de la red solo ven el sobre.
requests-new = Nueva solicitud
requests-empty = Todavía no hay solicitudes.
requests-cli-hint = El cliente de línea de comandos realiza el cifrado por usted: { $command }
col-request = N.º
col-from = Remitente
col-to = Destinatarios
col-kind = Tipo
col-urgency = Urgencia
col-level = Nivel
col-tlp = Etiqueta TLP
col-messages = Mensajes
kind-consultation = Consulta
kind-information-request = Solicitud de información
kind-assistance-request = Solicitud de asistencia
kind-incident-notification = Notificación de incidente
kind-vulnerability-information = Información sobre una vulnerabilidad
kind-general = Asunto general
urgency-routine = Ordinaria
urgency-priority = Prioritaria
urgency-urgent = Urgente
leg-sent = Enviada
leg-delivered = Entregada
leg-acknowledged = Con acuse de recibo
leg-answered = Respondida
leg-closed = Cerrada
request-title = Solicitud { $id }
request-closed = cerrada
request-sent-by = Enviada por
request-language = Idioma del contenido
request-legs = Estados destinatarios
col-acknowledge-by = Acuse de recibo antes del
col-acknowledged = Acuse de recibo
col-escalated = Elevada al nivel político
request-overdue = fuera de plazo
request-messages = Mensajes
col-seq = N.º
col-size = Tamaño (bytes)
col-sha256 = Huella SHA-256
request-download = Descargar (.asc)
request-left-out = Estos puntos de contacto no pueden leer el último mensaje (no tienen ninguna clave utilizable): { $names }
request-acknowledge = Acusar recibo
request-close = Cerrar
request-escalate = Elevar ahora al nivel político
request-reply = Responder
request-reply-help = Cifre su respuesta con las claves de la conversación y, a continuación, cargue el archivo o pegue el texto en formato ASCII armor.
request-keys-link = Claves con las que cifrar
request-feedback = Valoración para el administrador de la red (sin contenido): ¿le resultó útil este intercambio?
request-feedback-yes = Útil
request-feedback-no = No útil
request-message-file = Mensaje cifrado: un archivo en formato ASCII armor (.asc)
request-message-text = o pegue el mensaje en formato ASCII armor
request-send = Enviar
request-new-help = Elija los destinatarios y el nivel, descargue sus claves, cifre el asunto, el cuerpo y los archivos adjuntos exactamente con esas claves y, a continuación, cargue el resultado.
field-to = Estados destinatarios (códigos como AUT EST)
field-urgency = Urgencia
field-level = Nivel
field-tlp = Etiqueta TLP
field-language = Idioma del contenido
keys-title = Claves con las que cifrar
keys-intro = Cifre con cada una de estas claves, ni más ni menos: las claves utilizables de los puntos de contacto de los destinatarios en este nivel y las de su propio Estado.
keys-download = Descargar estas claves (.asc)
keys-show = Mostrar las claves
col-contact = Contacto
col-fingerprint = Huella digital
keys-left-out = Excluidos (sin clave utilizable)
reason-no-key = ninguna clave registrada
reason-expired = clave caducada
reason-revoked = clave revocada
reason-unusable = clave no utilizable
channel-stats-title = Canal protegido: estadísticas
channel-stats-intro = Cómo se utiliza el canal: solo recuentos y tiempos. El contenido de las solicitudes nunca es visible para el administrador de la red.
stats-requests = Solicitudes
stats-messages = Mensajes
stats-legs = Estados destinatarios a los que se dirigieron solicitudes
stats-acknowledged = Con acuse de recibo
stats-acknowledged-on-time = Con acuse de recibo en plazo
stats-escalated = Elevadas al nivel político
stats-median-ack = Mediana del tiempo hasta el acuse de recibo
stats-p90-ack = Percentil 90 del tiempo hasta el acuse de recibo
stats-feedback = Valoraciones: útil / no útil
stats-by-kind = Por tipo
stats-by-urgency = Por urgencia
stats-by-level = Por nivel
invalid-request-no-recipients = elija al menos un Estado destinatario
invalid-request-own-state = una solicitud se dirige a Estados distintos del suyo
invalid-request-repeated = { $value } figura dos veces
invalid-request-unknown-state = { $value } no es un Estado de la OSCE
invalid-request-language = «{ $value }» no es un idioma oficial de la OSCE (en, fr, de, it, ru, es)
invalid-request-unaddressable-policy = no es posible dirigirse a { $states } en el nivel político: ningún punto de contacto de ese nivel dispone de una clave utilizable
invalid-request-unaddressable-technical = no es posible dirigirse a { $states } en el nivel técnico: ningún punto de contacto de ese nivel dispone de una clave utilizable
invalid-request-unaddressable-policy-other = no es posible dirigirse a { $states } en el nivel político: ningún punto de contacto de ese nivel dispone de una clave utilizable; sí es posible dirigirse a { $other_states } en el nivel técnico
invalid-request-unaddressable-technical-other = no es posible dirigirse a { $states } en el nivel técnico: ningún punto de contacto de ese nivel dispone de una clave utilizable; sí es posible dirigirse a { $other_states } en el nivel político
invalid-request-malformed = el mensaje no es un mensaje OpenPGP: { $detail }
invalid-request-not-encrypted = el mensaje no está cifrado: se requiere un mensaje OpenPGP cifrado con las claves de los destinatarios
invalid-request-unprotected = el mensaje utiliza el cifrado antiguo sin protección de la integridad; cífrelo con una implementación actual de OpenPGP
invalid-request-password = el mensaje está cifrado con una contraseña; cífrelo únicamente con las claves públicas de los destinatarios
invalid-request-anonymous = el mensaje está cifrado para un destinatario anónimo, lo que no puede comprobarse; identifique expresamente a cada destinatario
invalid-request-duplicate = el mensaje está cifrado dos veces para { $key }
invalid-request-key-set = el mensaje no está cifrado exactamente con las claves requeridas; faltan: { $missing }; no pertenecen al conjunto de claves: { $extra }
mail-request-subject = [Liaison] { $urgency }: { $kind } de { $state } (solicitud { $id })
mail-request-reply-subject = [Liaison] Respuesta de { $state } a la solicitud { $id }
mail-request-ack-subject = [Liaison] { $state } acusó recibo de la solicitud { $id }
mail-request-ack-body = { $state } acusó recibo de su solicitud { $id } el { $at }. La conversación: { $url }
mail-request-escalated-subject = [Liaison] Solicitud { $id } de { $from } a { $state } sin acuse de recibo
mail-request-escalated-body = { $from } envió el { $sent } una solicitud a los puntos de contacto de { $state } ({ $level }): { $urgency }, { $kind }. Debía acusarse recibo de ella antes del { $deadline } y no se ha hecho. Le rogamos que se asegure de que se atienda; su contenido está cifrado para los puntos de contacto de ese nivel. La conversación: { $url }

# Transparency log
nav-transparency = Transparencia
log-title = Registro de transparencia
log-intro = Cada cambio en el directorio (contacto o estructura creado, modificado, confirmado o retirado, clave registrada) es una hoja de un árbol de Merkle de solo adición (RFC 9162). El servidor firma cada cabeza del árbol con la clave de abajo, para que cada Estado pueda comprobar que ningún contacto ni clave se cambió sin que se vea.
log-key = Clave del registro
log-key-algorithm = Algoritmo
log-key-public = Clave pública
log-key-id = Identificador de la clave
log-key-created = Creada el
log-key-pin = Fije esta clave en su verificador: comprueba cada cabeza firmada, la coherencia con la última cabeza vista y la inclusión de cada contacto que lee.
log-head = Última cabeza del árbol firmada
log-head-size = Tamaño del árbol
log-head-root = Hash raíz
log-head-time = Firmada el (UTC)
log-head-signature = Firma
log-own = Entradas de { $state }
log-own-intro = Si la versión actual de cada una de sus entradas está en el árbol firmado y dice lo que muestra el directorio, comprobado aquí en el servidor. Ejecute el verificador para una comprobación que no dependa del servidor.
log-version = Versión
log-leaf = Hoja
log-proof = Prueba
log-proven = En el árbol firmado
log-not-proven = No probada
log-verified = Verificado por los Estados
log-verified-intro = La cabeza del árbol que cada Estado verificó y publicó por última vez (con liaison verify --publish).
log-state = Estado
log-verified-on = Verificada el
log-behind-col = Desde entonces
log-up-to-date = Al día
log-behind = { $count ->
    [one] { $count } entrada más reciente
   *[other] { $count } entradas más recientes
}
log-verified-none = Ningún Estado ha publicado aún una cabeza verificada.
log-recent = Entradas recientes
log-appended = Añadida el
log-contact = Contacto
log-change = Cambio
log-fingerprint = Huella de la clave
log-heads = Cabezas del árbol recientes
audit-log-intact = El registro de transparencia está intacto: { $leaves } hojas y { $heads } cabezas firmadas coinciden con el directorio.
audit-log-broken = El registro de transparencia no coincide con sus hojas o con el directorio:

# Annual information exchange (CBMs 1, 4, 6, 7, 9, 15)
nav-exchange = Intercambio
exchange-title = Intercambio de información
exchange-intro = Cada año, cada Estado participante recopila la información que facilita en virtud de las CBM en una única contribución consolidada, que se distribuye a todos los Estados participantes con una referencia de documento y sobre la cual estos pueden formular consultas.
exchange-cycles = Ciclos
exchange-no-cycles = Todavía no se ha abierto ningún ciclo de intercambio.
exchange-year = Año
exchange-opens-on = Fecha de apertura
exchange-deadline = Fecha límite
exchange-deadline-hint = Déjelo vacío para fijar el 31 de octubre del año; puede establecerse cualquier fecha para ajustarse a los calendarios de las Naciones Unidas.
exchange-sections = Secciones
exchange-section = Sección
exchange-circulation = Distribución
exchange-circulation-on-submission = Al presentarse
exchange-circulation-by-manager = Por el administrador de la red
exchange-pattern = Patrón de la referencia del documento
exchange-pattern-hint = Se insertan el número correlativo del año y el año, como en PC.DEL/682/27.
exchange-open = Abrir un ciclo
exchange-open-now = Abrir el ciclo
exchange-across-years = Contribuciones a lo largo de los años
exchange-counts = Presentadas a tiempo: { $on_time } · con retraso: { $late } · aún sin presentar: { $not_yet }
exchange-own-submission = La contribución de su Estado
exchange-progress = Estados participantes
exchange-status = Situación
exchange-status-not-started = Sin iniciar
exchange-status-draft = Borrador
exchange-status-submitted = Presentada, pendiente de distribución
exchange-status-circulated = Distribuida
exchange-status-revising = Distribuida, revisión en curso
exchange-submitted-at = Presentada el
exchange-reference = Referencia
exchange-late = con retraso
exchange-circulated-on = Distribuida el
exchange-section-threats = Opiniones nacionales sobre las amenazas
exchange-section-open-internet = Medidas para una Internet abierta, interoperable, segura y fiable
exchange-section-legislation = Legislación en materia de cooperación
exchange-section-organisation = Organización nacional, estrategias, políticas y programas
exchange-section-terminology = Terminología nacional
exchange-section-critical-infrastructure = Categorías de infraestructuras críticas
exchange-term = Término
exchange-definition = Definición
exchange-english-term = Término en inglés
exchange-english-definition = Definición en inglés
exchange-source = Fuente
exchange-saved = Guardado.
exchange-autosaved = Guardado automáticamente
exchange-submitted-notice = Contribución presentada.
exchange-documents = Documentos distribuidos
exchange-changes = Cambios
exchange-changes-between = Cambios entre { $from } y { $to }
exchange-unchanged = sin cambios
exchange-circulate = Distribuir
exchange-draft = Borrador
exchange-draft-hint = El borrador es privado para su Estado; cada guardado se conserva como una versión. Se guarda automáticamente mientras usted escribe.
exchange-not-ready = Aún no está lista para su presentación:
exchange-version = Versión { $version }
exchange-language = Idioma
exchange-text = Texto (Markdown)
exchange-english = Traducción al inglés (Markdown; necesaria salvo que el texto esté en inglés)
exchange-markdown-hint = Se conservan los encabezados, las listas, el énfasis, las tablas y los enlaces; las imágenes y el HTML no se muestran.
exchange-terms-count = { $count ->
    [one] { $count } término
   *[other] { $count } términos
}
exchange-terms-import = Importar los términos desde CSV
exchange-terms-file = Archivo CSV
exchange-terms-hint = Columnas: term, language, definition, english_term, english_definition, source. Un archivo con cualquier problema se rechaza en su totalidad.
exchange-terms-import-now = Importar
exchange-save = Guardar
exchange-submit = Presentar la contribución
exchange-submit-revision = Presentar una revisión
exchange-not-circulated = Aún no distribuida. Los demás Estados solo ven el grado de avance del borrador.
exchange-not-circulated-short = no distribuida
exchange-export-html = Exportar (HTML)
exchange-export-pdf = Exportar (PDF)
exchange-attachments = Adjuntos
exchange-attachment-size = { $kib } KiB
exchange-attachment-remove = Quitar
exchange-attach = Adjuntar un archivo
exchange-attach-hint = Una ley o una estrategia tal como se publicó, 10 MiB como máximo; hasta diez archivos por sección. Los lectores lo descargan tal como se adjuntó.
exchange-attach-now = Adjuntar
exchange-inquiries = Consultas
exchange-no-inquiries = No hay consultas que usted pueda leer.
exchange-inquiry-from = Consulta de { $state }
exchange-public = pública
exchange-reply = Responder
exchange-send = Enviar
exchange-make-public = Permitir que todos los Estados participantes lean esta conversación
exchange-make-private = Mantener esta conversación entre los dos Estados
exchange-inquire = Formular una consulta
exchange-inquiry-section = Asunto
exchange-whole-submission = La contribución completa
exchange-question = Pregunta
exchange-inquire-now = Enviar la consulta
invalid-exchange-year = { $year } no es un año del intercambio (de 2013 a 2100)
invalid-exchange-year-format = indique el año con cuatro cifras
invalid-exchange-opens-after-deadline = el ciclo se abre el { $opens_on }, después de su fecha límite del { $deadline }
invalid-exchange-no-sections = elija al menos una sección
invalid-exchange-duplicate-section = la sección { $section } se ha elegido dos veces
invalid-exchange-pattern = el patrón de la referencia del documento no es utilizable: { $problem }
invalid-exchange-empty-section = la sección { $section } es obligatoria y está vacía
invalid-exchange-language = la sección { $section } está redactada en «{ $language }», que no es un idioma oficial de la OSCE (en, fr, de, it, ru, es)
invalid-exchange-missing-translation = la sección { $section } está redactada en «{ $language }» y requiere su traducción al inglés
invalid-exchange-not-asked = el ciclo no solicita la sección { $section }
invalid-exchange-term = término { $number }: { $problem }
invalid-exchange-not-open = el ciclo se abre el { $opens_on }; la redacción comienza en esa fecha
invalid-exchange-awaiting-circulation = la contribución está pendiente de distribución y no puede modificarse hasta que se distribuya
invalid-exchange-nothing-to-revise = nada ha cambiado desde la versión distribuida; modifique una sección para presentar una revisión
invalid-exchange-not-submitted = solo se distribuye una contribución presentada
invalid-exchange-too-long = un texto puede tener como máximo { $max } caracteres
invalid-exchange-attachment-name = el adjunto necesita un nombre de archivo (200 caracteres como máximo, sin ruta)
invalid-exchange-attachment-empty = el adjunto es un archivo vacío
invalid-exchange-attachment-too-large = un adjunto puede tener como máximo { $max } MiB
invalid-exchange-too-many-attachments = una sección puede llevar como máximo { $max } adjuntos
mail-exchange-opened-subject = Liaison: se ha abierto el intercambio de información de { $year }
mail-exchange-opened-body = El administrador de la red ha abierto el ciclo { $year } del intercambio anual de información. La redacción se abre el { $opens_on }; la fecha límite es el { $deadline }. Redacte aquí la contribución consolidada de su Estado: { $url }
mail-exchange-circulated-subject = Liaison: distribuido el documento { $reference } ({ $state })
mail-exchange-circulated-body = { $revision ->
    [0] La contribución de { $year } de { $state } se ha distribuido como { $reference }.
   *[other] Una revisión de la contribución de { $year } de { $state } se ha distribuido como { $reference }.
} Puede leer el documento y formular consultas aquí: { $url }
mail-exchange-inquiry-subject = Liaison: consulta sobre { $reference }
mail-exchange-inquiry-body = { $state } ha escrito en una consulta sobre { $reference }. Puede leerla y responderla aquí: { $url }
