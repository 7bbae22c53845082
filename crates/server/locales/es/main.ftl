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
