Mis caballos son negros.
Maria come su arroz frío.
¿Dónde está nuestro huevo?
Bebemos té.
Fatuma lee la carta mañana.
Amina bebe el agua.
Baraka ríe aquí, pero Peter nada mañana.
Un coche es bonito.
Nuestras madres cantan.
Llevo un libro.
Mi carro es bonito.
Un niño viejo corre ahora.
¡Nuestras camas son muy azules!
Su padre pequeño ríe en el mercado.
Esta puerta es negra.
Anna ríe detrás de mi puerta.
Soy bueno.
Baraka corre sobre nuestras camas.
Una mujer joven nada.
La casa es negra.
Baraka duerme detrás de la casa.
Mis madres aman a nuestros niños.
Maria es joven.
Dos maestros cocinan mi carne caliente.
El amigo corre detrás de la puerta.
El médico espera debajo de la mesa.
Peter está feliz.
El niño duerme sobre las calles.
Nuestro caballo come su manzana.
Sus amigos trabajan detrás de esta cama.
Los amigos encuentran a un pájaro grande.
Las madres y mi campesino caminan.
Su gato es negro.
Nuestro café está frío.
Abrimos mi tienda.
Baraka canta mañana.
El médico abre la bolsa.
Anna cocina el arroz.
Mis doctores corren.
Mis chicos caminan sobre cinco calles verdes.
Anna canta en sus pueblos.
Nuestro amigo pequeño tiene su taza ahora.
El doctor es fuerte.
Un gato duerme.
Nuestras niñas ríen aquí.
Fatuma canta ahora.
Un amigo bebe el té caliente siempre.
Las madres jóvenes cocinan el pan.
Cinco padres beben nuestro café caliente.
¡El niño es muy joven!
Nuestra manzana es azul.
Un huevo está muy frío.
Sus niñas caminan siempre, pero su mujer canta.
Amina y Maria ríen.
Nuestro pájaro joven bebe el café.
El estudiante canta cerca del hospital.
Mis campesinos caminan en esta ciudad pequeña.
Los hombres y mi campesino corren.
Amina corre.
¿Dónde están sus estaciones?
El hombre ama nuestra carta siempre.
David escribe el libro.
Anna canta mañana.
Peter canta con los estudiantes.
Fatuma trabaja ahora.
Veo nuestro jardín siempre.
Este caballo lleva las sillas.
Este jardín es muy pequeño.
El padre cansado trabaja con mi pájaro.
Maria ríe en la calle.
Este médico camina.
Anna está enferma.
Baraka encuentra a su caballo siempre.
Su bolsa es muy negra.
Anna bebe café ahora.
Fatuma ve el pueblo aquí.
Baraka camina ahora.
El niño camina con el chico joven.
La niña nada en una mesa.
Mis maestros corren hoy.
El perro lleva el coche siempre.
¡El chico está muy enfermo!
El gato nada.
¿Dónde están las ciudades?
¿Dónde están las madres?
Mi café está limpio.
¡Su carta es muy grande!
Amina trabaja mañana.
El hospital está limpio.
Este médico duerme hoy, pero las niñas cantan mañana.
Mi padre tiene el coche mañana.
El chico vende las cartas.
El perro duerme sobre las mesas.
El mercado es nuevo.
La carne es muy cara.
Nuestros estudiantes cantan, pero Maria camina mañana.
¡La flor es muy azul!
Anna y mis chicos caminan.
Su gato es muy grande.
Maria duerme hoy.
Su niño corre detrás de mi árbol.
Esta mujer nada detrás de mis casas.
Mis maestros leen tres cartas mañana.
Mi doctor canta en una montaña.
¿Dónde están sus bolsas?
Las mujeres cansadas nadan aquí.
Espero en el mercado frío.
Maria canta.
La mujer enferma nada sobre una calle roja.
Los médicos tienen una silla mañana.
Anna trabaja sobre nuestra montaña pequeña.
Anna es muy vieja.
El niño come manzanas siempre.
La madre duerme hoy.
Nuestra mujer ríe en la ciudad buena.
Mis campesinos son jóvenes.
Un niño nada aquí, pero río siempre.
La niña duerme, pero un médico duerme.
Su chico vende café mañana.
Este estudiante enfermo nada en esta calle.
El amigo feliz lee mi periódico blanco.
Juma es pequeño.
Este maestro ama a mi caballo.
Sus niñas cansadas abren sus libros.
El hombre canta, pero los campesinos caminan aquí.
¿Dónde está el campesino?
El campesino espera debajo de las mesas.
Nuestra madre y Anna ríen hoy.
Anna corre.
Un padre abre su coche.
Una silla es nueva.
Peter canta, pero los chicos esperan.
¿Dónde está el carro?
Peter canta hoy.
El maestro feliz encuentra sus tazas aquí.
Juma tiene las flores viejas.
Este pájaro espera.
Un campesino nada en un jardín.
Peter y Amina trabajan.
Nuestro campesino trabaja debajo de mis mesas.
La madre canta.
Sus hombres jóvenes ríen hoy.
La mujer trabaja en la tienda.
Anna escribe la carta mañana.
Baraka corre con el médico.
Este campesino canta detrás de las escuelas.
El médico escribe música hoy.
¿Dónde está su campesino?
Su niño enfermo tiene esta taza.
¡Un campesino es muy viejo!
Un niño canta.
Una madre pequeña corre en esta casa.
Su bolsa es cara.
Mi chico abre nuestras cartas.
El caballo nada detrás de la silla.
Nuestro padre pequeño ríe ahora.
El pájaro camina hoy.
Su perro joven corre siempre.
Fatuma trabaja.
Un amigo ama a los pájaros.
