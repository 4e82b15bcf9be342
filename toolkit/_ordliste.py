"""The word list for generated passphrases (see `toolkit.beskytt.lag_passfrase`).

Common, neutral Norwegian bokmål words, 3–12 letters a–z (no æøå, so that
they are typed the same on every keyboard and phone), each checked against
a bokmål dictionary. Words that could upset or embarrass (illness, death,
violence, alcohol) are left out on purpose. Changing the list changes the
entropy: keep it at 1024 words or more.
"""

from __future__ import annotations

_TEKST = """
abbor adresse aften agat agurk akebrett akkord akrobat aksel akvarell akvarium album alfabet
alge alpakka alpelue altan alter ambolt ananas andedam anemone ankel anker ankerplass
anorakk antenne antilope apekatt apotek appelsin appetitt applaus aprikos arbeid arena
arkitekt arkiv arm armband armbandsur armstol aroma artikkel artist asfalt ask astronaut
astronomi atelier atlas auksjon aula aure automat avis avisbud avokado avtale bad bade
badebukse badekar badstue bagasje bagett bake bakeri bakerovn bakgrunn bakke bakst balkong
ball ballblom ballett ballong bamse banan bananskall band bandasje bank barn barnebok
barnehage barnesang barometer bart basseng basun batteri bauta beger begynnelse bein beite
bekk belte beltested benk bensin berg bergkrystall bergtopp bestefar bestemor bestikk betong
bever bibliotek bikini bikube bil bilde bildekk biljard bille billett bilvei binde binders
bingo bjelke bjelle blad blader blank blekk blekkhus blekksprut blid blikk blokk blomkarse
blomst blomsterbed blund blyant boble bok bokhylle boks bokser bokstav bolig bolle boller
bolt bom bomull bomullsdott bonde bondegard bonus bord bordduk bordtennis borg botaniker
brakke bratsj bred brett brettspill brev briller bro brodd brokade brokkoli bror brosje
brunost brus brygge bryggeri buesag bukett bukse bumerang bunad bunke bunnpris burger busk
buss butikk byge bygning byvandring campingvogn celle cello cembalo champignon dag dagbok
dal dam dame damp dans danse dansegulv dansesko data datter deig dekk dekor delfin demning
desember dessert detektiv diamant dikt diktsamling diplom disk dokke dokumentar dominobrikke
dommer dompap dorull drage dragkamp drakt drama drikke drivhus drivved drops drue due duft
duk dukke dukketeater dusj duskregn dverg dynamo dyne dyp dyr dyrehage dyrlege ebbe egg
eggeplomme eik ekorn ekspedisjon ekspress elefant elg elv elvebredd emalje engel engelsk
entusiast eple eplekake eplemost eplesaft erme ert esel eske espresso etasje eventyr
eventyrbok fabrikk fajanse fakkel fallskjerm familie farge fasade fasan fastland fat fele
felg fenomen fergeleie ferie feriehus ferje fersk fersken fest festning figur fiken fil film
filter fin fiol fiolin fisk fiske fiskekake fiskestang fiskevann fjell fjellrev fjellside
fjellvann fjellvegg fjes fjord fjorten flagg flaggdag flaggstang flamingo flaske fletning
flink flis flodhest flokk flott fluesopp fly flyger flyte flytebrygge fontene forfatter form
fort fortau foss fot fotball fotballbane fotoalbum fotografi fotspor frakk fregatt fregne
frimerke frisk frokost frosk frukt fruktfat fruktsalat fugl fuglekasse fuglesang furu
fyllepenn fyr fyrlykt fyrstikk fyrverkeri gaffel galakse gammel gang garasje gardin gate
gatelykt gaupe gave geit gelatin gelender genser gevinst gevir giraff gitar gitarist gjerde
gjest glad glass glede glimt glitter globetrotter globus gnist god godteri gokart golf
gorilla grad gran granitt grantre gras grasplen gravemaskin grei grein grend gresskar grill
grind gris grop grus gryn gryte gul gull gulrot gulvteppe gummi gummiball gutt gyllen gynge
hage hagebenk hagestol hake hakkespett hale halm hammer hamster handle hanske harpe hatt hav
havbunn havfrue havgud havn havre havregryn havrelefse hefte heis hekk hekle helikopter
hellestein helt hengebro hermelin hest hestesko himmel historie hjelm hjem hjort hjortedyr
hjul hobby hodepute hodetelefon hoppe hoppetau horn hotell hovedrett hovedstad hule humle
humlebol hund hus huske husmus hvalross hvit hytte hyttetur idrett iglo ild insekt
instrument interesse invitasjon isbit isbre isfjell ishockey iskrem jakke januar jern
jernbane jobb jogge jogging jolle jord jordbunn jordklode juice julenisse juletre juli juni
jury juvel kabaret kabel kafe kaffe kajakk kakao kake kakeboks kakestykke kaktus
kaktusblomst kald kalender kalkun kamel kameleon kamera kanal kanefart kanel kanelbolle
kanin kano kanonball kant kapp kappe kapsel karamell karneval kart karusell kasse kastanje
kastanjetre kaste katedral katt kattunge kavring kelner kenguru kikkert kilde kino kiosk
kirke kirkeklokke kjapp kjeks kjeksboks kjele kjeller kjempe kjerre kjole klaff klar klasse
klatre klatrestativ klatring klesklype klesskap klode klokke klovn klubb knapp kniv knott
koala kobbe koke kokebok kokk kolibri kolje komet kommode kompass kondor kongle konsert
konvolutt kopp korall korg korn korsang kort kortspill kost krabbe kraft kran krans kritt
krok krokodille krone kronjuvel krukke krydder kul kunstner kunstverk kurv kusine kveld
kyllingsuppe kyst labyrint lader lage lagune laken lakris laks lam lampe land landsby
landskap lang lapp lasagne latter lavendel lavvo leilighet leir lekebil lekeplass lekestue
leksikon lenestol lerke lerret lese lett lettmelk lilje lilla lime limonade lindetre linerle
linjal linse lodd loft lokk lomme lommebok lommelykt lommeregner lompe loppemarked lue lukt
lun lunsj lyd lykt lyn lys lysbilde lysekrone lysestake lyskaster magnet mai mais makrell
male malebok maler maleri malerkost mandag mandarin mandel mango mappe marmor mars marsipan
maske maskot mast matbit matkurv matpakke matros matte medalje meitemark melk melkekartong
melon meny mester mesterkokk metall middag mikrofon mikroskop mild minigolf minne mobil
modell modig mokka molo morell morgensol mosaikk mose mosegrodd motor motorsykkel mugge
multe murstein mus museum musikal musikk myk mynt mynte myrull nabo nakke natt nattbord
nattergal nattlys nebb negl nese nett nisse nistepakke nordavind nordlys nordpol notat
notebok nudler nydelig okse oktober oliven olje omelett onkel opera oppfinner oppskrift
oransje orden orgel orkester orkide oter ovn padle pakke palme palmetre pannekake papir
paprika paraply parasoll pariserhjul park parkett passer pasta pelikan pels pen pendel
pengepung penn pensel pepper pepperkake peppermynte perle perlekjede persille pianist piano
piggsvin pingvin pinne pinnsvin pipe pirat pizza pizzabaker planet planetarium plante plass
plastkopp pledd plenklipper plomme plukke pokal polarsirkel popkorn pose post postkasse
potet potetgull potteplante pudder pute pyjamas pynt pyramide rabarbra radar radio rakett
ramme rask redskap regn regnbue regnfrakk regnskog regnvann reinsdyr reiseleder reke rekke
rekkehus rev revebjelle ribbe ridder ridebane ring rips ris robot rogn rolig rom rosa rose
rosenbusk rosin rund ruteark rutebil rutsjebane rydde ryggsekk safari saft sag saks salat
salme salto sand sandal sandkasse sandslott sandstrand sangbok sardin saueull saus seil
seile seilfly seilskute sekk selskap sending sennep september sirkus sitron sjakk sjal
sjelden sjiraff sjokolade sjokoladebit skap skatt skilpadde skinke skip skisko skiskyting
skisse skjell skjerf sko skog skolegard skoleveske skrive skrivebok skrivebord skrujern
skute sky skygge slede sledehund sledetur sleide slikkepott slott smak smaragd smile
smultring smykke snakke snegle snekker snekkerbod snor snowboard sofa sofapute sokk sol
solbrille solbriller solsikke solskinn sommer sommerdag sommerfugl sovepose spade speil
spiker spill spire spise spisebord sportsbil sporvogn sprett springe spurv stafett stang
stasjon stavkirke stearinlys stein sterk stige stille stjerne stjerneskudd stol stor storm
strand strandkant strikk strikke strikkepinne student stue stupe sukker sunn suppe svale
svamp svane svart sykkel sykkelhjelm sykkeltur sykle symaskin synge tak tallerken tang tante
tapet taubane teater teaterstykke tegne tegneserie tekanne tekopp telefon telefonkiosk
teleskop telt teltleir tennisball teppe termos terrasse tiger time tinnsoldat tog togstasjon
tomat tomatsaus topp topplue torden torsk traktor trampoline trapp tre trehus trekk
trekkspill trening tresko trikk troll tromme trompet trost trygg trylle trylleformel tulipan
tunfisk tunnel turist turkis tusenbein tusenfryd tusj tykk ugle ukulele ullgenser ulv
undulat univers urskog utsikt vaffel vaffelhjerte vakker vann vannfall vannkanne vannmelon
vannpistol vante varm varmepute vase vaske vedkubbe veiskilt vennskap ventil vepsebol
veranda veske vikingskip vill vind vindu vinke vinter vinterdag vinterkveld visp vogn
vognmann vulkan yatzy yoghurt yrke
"""

ORD: tuple[str, ...] = tuple(_TEKST.split())
