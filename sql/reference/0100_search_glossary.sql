-- The search glossary's entries (the table: sql/schema/1330_search_glossary.sql), one a line: language,term,english.
-- A term is a word's first letters as a shopper writes it: a noun, a verb's or adjective's stem (뚫 for 뚫다, 뚫는,
-- 뚫을), a Hebrew word without its one-letter prefixes (ו ה ב ל מ ש כ, which the search strips). The search takes
-- the longest term a query word starts with, so a longer entry overrides a shorter one with another meaning (방 a
-- room, 방수 waterproof). english: one to three English words as product descriptions write them, any of which
-- may match. Latin-script words are left out: the English full-text search reads them already.
--
-- Written for this catalog's domain (tools, materials, parts, places in a home, problems, actions) from its product
-- types and descriptions, without the labelled queries of tests/eval (bench/search_results.md).
DELETE FROM retail.search_glossary;

INSERT INTO retail.search_glossary (language_code, term, english)
SELECT
    split_part(e.line, ',', 1) AS language_code,
    split_part(e.line, ',', 2) AS term,
    split_part(e.line, ',', 3) AS english
FROM regexp_split_to_table($glossary$
he,אבן,stone
he,אבנים,stones
he,אבץ,zinc
he,אבק,dust
he,אדום,red
he,אדמה,soil dirt ground
he,אדמת,soil
he,אדניות,planters
he,אדנית,planter
he,אוורור,ventilation vent
he,אוטומטי,automatic
he,אוטם,sealant seal
he,אום,nut
he,אומים,nuts
he,אוניברסלי,universal
he,אופניים,bike bicycle
he,אור,light
he,אורגני,organic
he,אורך,length
he,אורן,pine
he,אזיקון,cable tie
he,אזיקונים,cable ties
he,אזמל,chisel
he,אחסון,storage store
he,אחסן,store storage
he,אחסנה,storage
he,אטום,seal sealed
he,אטומה,sealed airtight
he,אטם,gasket seal
he,אטמים,gaskets seals
he,איטום,seal sealant waterproof
he,איטי,slow
he,אימפקט,impact driver
he,אינסטלטור,plumber plumbing
he,אינסטלציה,plumbing
he,אלומיניום,aluminum
he,אלון,oak
he,אלחוטי,cordless wireless
he,אלן,hex key
he,אמבט,tub bath
he,אמבטיה,bathroom bathtub
he,אמייל,enamel
he,אסלה,toilet
he,אסלות,toilets
he,אפוקסי,epoxy
he,אפור,gray
he,אפל,dark
he,אצות,algae
he,אקדח,gun
he,אקריל,acrylic caulk
he,ארגון,organization organizer
he,ארגז,box toolbox
he,ארגזים,boxes bins
he,ארגן,organize
he,ארוך,long
he,ארוכה,long
he,ארוכים,long
he,ארון,closet cabinet
he,ארונות,cabinets closets
he,ארונית,cabinet
he,ארז,cedar
he,אריח,tile
he,אריחים,tiles
he,אש,fire
he,אשפה,trash
he,אתר,site jobsite
he,בגדים,clothes
he,בהיר,bright light
he,בונה,build
he,בוקסה,socket
he,בוקסות,sockets
he,בור,hole pit
he,בורג,screw bolt
he,בורות,holes pits
he,בטוח,safe
he,בטון,concrete
he,בטיחות,safety
he,בטיחותי,safe safety
he,בידוד,insulation
he,ביוב,sewer drain
he,ביט,bit
he,ביטומן,asphalt
he,ביטומני,asphalt
he,ביטחון,security
he,ביטים,bits
he,בייץ,stain
he,בית,home house
he,ביתי,home household
he,בלוק,block
he,בנאי,masonry
he,בניה,construction building
he,בנייה,construction building
he,בניית,construction building
he,ברביקיו,grill bbq
he,ברג,screw bolt
he,ברז,faucet tap valve
he,ברזים,faucets taps
he,ברזל,iron steel
he,בריח,deadbolt latch
he,בריכה,pool
he,בתים,homes houses
he,ג'יקסו,jigsaw
he,גבוה,high tall
he,גבס,drywall gypsum
he,גג,roof
he,גדול,large big
he,גדל,grow growing
he,גדר,fence
he,גדרות,fences
he,גובה,height
he,גוזם,pruner trimmer
he,גוזמת,trimmer
he,גוזר,cut
he,גומי,rubber
he,גוניה,square
he,גזום,prune trim
he,גזור,cut trim
he,גזירה,cutting trim
he,גזם,branches
he,גחלים,charcoal
he,גידול,growing grow
he,גיזום,pruning prune trim
he,גימור,finish
he,גינה,garden
he,גינות,gardens
he,גינת,garden
he,גיר,chalk
he,גירוד,scraping scrape
he,גלאי,detector finder
he,גלגל,wheel caster
he,גלגלת,pulley reel
he,גליל,roller roll
he,גמר,finish trim
he,גן,garden
he,גנים,gardens
he,גרד,scrape scraper
he,גרונג,miter
he,גרוף,rake
he,גריל,grill
he,גשם,rain
he,דביק,sticky adhesive
he,דבק,glue adhesive
he,דבקים,adhesives glue
he,דוד,water heater
he,דולף,leak leaking
he,דולפים,leak leaking
he,דולפת,leak leaking
he,דיבל,anchor
he,דימר,dimmer
he,דיסק,disc
he,דיקט,plywood
he,דירה,home apartment
he,דישון,fertilizing fertilizer
he,דלוף,leak
he,דלי,bucket pail
he,דליפה,leak
he,דליפות,leaks
he,דלת,door
he,דסקיות,washers
he,דסקית,washer
he,דק,deck
he,דקה,thin
he,דקורטיבי,decorative
he,דקים,thin
he,דרמל,rotary tool
he,דשא,lawn grass
he,דשן,fertilizer
he,דשנים,fertilizers
he,האיר,light lighting
he,האריך,extend extension
he,הארכה,extension
he,הארקה,ground grounding
he,הברגה,screw thread
he,הברגות,threads
he,הבריג,screw
he,הבריק,polish
he,הברקה,polish shine
he,הגן,protect
he,הגנה,protection protect
he,הגנת,protection protect
he,הדביק,glue stick
he,הדבק,glue
he,הדבקה,gluing adhesive
he,הדבקת,gluing glue
he,הדחה,flush
he,הדליק,light switch
he,הדלקה,light switch
he,הדק,tighten
he,הוציא,remove
he,הזזה,sliding slide
he,הזיז,move
he,החזיק,hold
he,החליף,replace
he,החלפה,replacement replace
he,החלפת,replacement replace
he,הידוק,tighten
he,הלחים,solder
he,הלחמה,soldering solder
he,הסיר,remove
he,הסרה,removal remove
he,הסרת,removal remove
he,העביר,move carry
he,העברה,moving
he,הפסיק,stop
he,הרוס,broken damaged
he,הרים,lift
he,הריסה,demolition
he,הרכבה,assembly assemble
he,הרכבת,assembly assemble
he,הרכיב,assemble
he,הרמה,lifting lift
he,הרס,demolition
he,השחזה,grinding sharpening
he,השחיז,sharpen grind
he,השקות,water watering
he,השקיה,watering irrigation
he,השקיית,watering irrigation
he,התפוצץ,burst
he,התקין,install
he,התקלקל,broken
he,התקנה,installation install
he,התקנת,installation install
he,וו,hook
he,וולט,volt
he,וילון,curtain
he,וילונות,curtains
he,ויניל,vinyl
he,זבל,compost manure
he,זוג,pair
he,זוויות,angles
he,זווית,angle square
he,זוויתן,angle grinder
he,זול,inexpensive economical
he,זכוכית,glass
he,זפת,tar asphalt
he,זרבובית,nozzle
he,זרימה,flow
he,זריעה,seeding seed
he,זרם,flow current
he,זרנוק,hose
he,זרע,seed
he,זרקור,flood light
he,חבילה,pack
he,חבל,rope
he,חבלים,ropes
he,חבר,connect attach
he,חדר,room
he,חדש,new
he,חוד,tip point
he,חווט,wire wiring
he,חוט,wire
he,חוטים,wires
he,חול,sand
he,חום,heat brown
he,חומה,wall
he,חופר,digger dig
he,חוץ,outdoor exterior
he,חור,hole
he,חורים,holes
he,חורף,winter
he,חורק,squeak squeaky
he,חושך,dark
he,חותך,cutter cut
he,חותכת,cutter cut
he,חזק,strong powerful
he,חיבור,connection fitting
he,חיווט,wiring
he,חיזוק,reinforce support
he,חיישן,sensor
he,חיישנים,sensors
he,חימום,heating heat
he,חיפוי,mulch siding cover
he,חיצוני,exterior outdoor
he,חיתוך,cutting cut
he,חכם,smart
he,חכמה,smart
he,חלוד,rusty rust
he,חלון,window
he,חלונות,windows
he,חלופי,replacement
he,חלק,smooth part
he,חלקי,parts
he,חם,hot warm
he,חמה,hot warm
he,חמים,warm hot
he,חמם,heat
he,חניה,garage driveway
he,חנייה,garage driveway
he,חסום,block seal
he,חסימה,blockage clog
he,חסין,resistant proof
he,חסכוני,economical
he,חפור,dig
he,חפירה,digging dig
he,חפירת,digging dig
he,חצץ,gravel
he,חצר,yard
he,חריץ,groove gap slot
he,חריצים,grooves gaps
he,חריקה,squeak
he,חרמש,trimmer
he,חרקים,insects pests
he,חשוך,dark
he,חשוכה,dark
he,חשמל,electric electrical
he,חשמלאי,electrician electrical
he,חשמלי,electric power
he,חתוך,cut
he,חתול,cat pets
he,חתך,cut
he,טאטא,sweep broom
he,טחב,mildew moisture
he,טיח,plaster stucco
he,טיט,mortar
he,טיימר,timer
he,טלוויזיה,tv
he,טלויזיה,tv
he,טעינה,charging charger
he,טפט,wallpaper
he,טפטוף,drip
he,טפטף,drip
he,טפטפות,drip irrigation
he,טפלון,ptfe tape
he,טפסנות,framing carpentry
he,טריקה,slam
he,יבש,dry
he,ידיות,handles
he,ידית,handle knob
he,ידלוף,leak
he,ידני,manual hand
he,יחזיק,hold
he,ייבוש,drying dry
he,ייבש,dry drying
he,יישור,leveling level
he,יישר,level straighten
he,יסוד,primer
he,יפסיק,stop
he,ירוק,green
he,יריעה,sheet
he,יריעות,sheets
he,ירק,vegetable
he,ירקות,vegetables
he,ישן,old
he,ישר,straight level
he,יתד,stake
he,יתדות,stakes
he,יתוש,mosquito insects
he,כבד,heavy
he,כביסה,laundry
he,כבל,cable wire cord
he,כבלים,cables
he,כוונון,adjustment adjust
he,כוונן,adjust
he,כונניות,shelving
he,כוננית,shelving
he,כחול,blue
he,כיור,sink
he,כיסא,chair
he,כיסוח,mowing mow
he,כיסוי,cover
he,כלב,dog pets
he,כלי,tool
he,כסות,cover
he,כסח,mow
he,כפול,double dual
he,כפור,frost freeze
he,כפפה,gloves
he,כפפות,gloves
he,כפתור,knob
he,כרום,chrome
he,כריתת,cutting felling
he,כתום,orange
he,כתם,stain spot
he,כתמים,stains spots
he,לבן,white
he,לבנה,white brick
he,לבנות,build
he,לבנים,white bricks
he,להב,blade
he,להבים,blades
he,לוח,board panel sheet
he,לזור,stain
he,לחות,humidity moisture
he,לחים,damp moist
he,לחץ,pressure
he,לטש,sand sanding
he,ליטוש,sanding polishing
he,ליטש,polish sand
he,לייזר,laser
he,לכה,lacquer varnish finish
he,לכות,lacquers
he,לכלוך,dirt grime
he,למינטו,laminate
he,למינציה,laminate
he,מא"ז,breaker circuit
he,מאוורר,fan
he,מאווררים,fans
he,מאיר,bright lighting
he,מאמ"ת,breaker circuit
he,מארגן,organizer
he,מארגנים,organizers
he,מארז,pack set
he,מאריך,extension cord
he,מאריכים,extension cords
he,מבודד,insulated
he,מבער,burner
he,מברג,screwdriver
he,מברגה,drill driver
he,מברגות,drill driver
he,מבריג,screw
he,מבריק,gloss glossy
he,מברשות,brushes
he,מברשת,brush
he,מגולוון,galvanized
he,מגולוונים,galvanized
he,מגולוונת,galvanized
he,מגוף,shut valve
he,מגירה,drawer
he,מגירות,drawers
he,מגן,protector guard
he,מגנט,magnet magnetic
he,מגרד,scraper
he,מגרפה,rake
he,מגרפות,rakes
he,מגרפת,rake
he,מגש,tray
he,מדביק,glue stick
he,מדוד,measure
he,מדורה,fire pit
he,מדחס,compressor
he,מדידה,measure measuring
he,מדידת,measuring measure
he,מדף,shelf
he,מדפי,shelf shelving
he,מדפים,shelves
he,מדרגה,stair step
he,מדרגות,stairs
he,מדרכה,sidewalk
he,מדשאה,lawn
he,מדשאות,lawns
he,מהדק,clamp clip
he,מהיר,fast quick
he,מואר,lighted light
he,מודבק,glued adhesive
he,מודד,measure
he,מוט,rod bar pole
he,מוטות,rods bars
he,מולטיטול,multi tool
he,מונע,prevent
he,מוסך,garage
he,מושב,seat
he,מותקן,installed mounted
he,מזגן,air conditioner
he,מזגנים,air conditioners
he,מזיקים,pests
he,מזלף,nozzle sprayer
he,מזמרה,pruner shears
he,מזמרות,pruners shears
he,מזמרת,pruner shears
he,מחבר,connector fitting
he,מחוספס,rough coarse
he,מחזיק,holder hold
he,מחליד,rust
he,מחליף,replace replacement
he,מחמם,heater
he,מחממים,heaters
he,מחסן,shed storage
he,מחסנים,sheds
he,מטאטא,broom
he,מטבח,kitchen
he,מטען,charger
he,מטענים,chargers
he,מטפטף,drip dripping
he,מטפטפת,drip dripping
he,מייבש,dryer
he,מיכל,tank container
he,מילוי,filling fill filler
he,מים,water
he,מיני,mini compact
he,מכונה,machine
he,מכונית,car
he,מכונת,machine
he,מכחול,paintbrush brush
he,מכסה,cover lid
he,מכסחה,mower
he,מכסחות,mowers
he,מכסחת,mower
he,מכסים,covers lids
he,מכשיר,tool device
he,מלא,fill filler
he,מלאכה,workshop
he,מלבני,rectangular
he,מלוכלך,dirty dirt
he,מלחצי,clamp vise
he,מלט,cement mortar
he,מלטש,sand sander
he,מלטשת,sander
he,ממטיר,sprinkler
he,ממטרה,sprinkler
he,ממטרות,sprinklers
he,ממסר,gfci fault
he,מנגל,grill bbq
he,מנוע,motor engine
he,מנורה,lamp light fixture
he,מנורות,lamps lights
he,מנורת,lamp light
he,מניעה,prevention prevent
he,מניעת,prevention prevent
he,מנסר,saw
he,מנעול,lock
he,מנקה,cleaner
he,מסגרת,frame
he,מסדרון,hallway
he,מסודר,organized
he,מסור,saw
he,מסורים,saws
he,מסורית,hacksaw saw
he,מסטיק,caulk sealant
he,מסמר,nail
he,מסמרון,brad nail
he,מסמרונים,brad nails
he,מסנן,filter
he,מסננים,filters
he,מספריים,scissors shears
he,מסקינטייפ,masking tape painter
he,מסקנטייפ,masking tape painter
he,מסתובב,swivel rotating
he,מעדר,hoe
he,מעמד,stand holder
he,מעצור,door stop
he,מעקה,railing
he,מעקות,railings
he,מפוח,blower
he,מפסיק,stop
he,מפסק,switch breaker
he,מפצל,power strip splitter
he,מפתח,wrench key
he,מפתחות,wrenches keys
he,מצבר,battery
he,מצוף,float
he,מצופה,coated
he,מצמד,coupling
he,מצע,potting soil
he,מקדח,drill bit
he,מקדחה,drill
he,מקדחות,drills
he,מקדחים,drill bits
he,מקדחת,drill
he,מקולקל,broken repair
he,מקלחות,showers
he,מקלחת,shower
he,מקלף,stripper
he,מקצועי,professional pro
he,מראה,mirror
he,מראות,mirrors
he,מרובע,square
he,מרוח,apply spread
he,מרזב,gutter
he,מרח,apply spread
he,מריחה,apply application
he,מריצה,wheelbarrow cart
he,מריצות,wheelbarrows
he,מרסס,sprayer
he,מרפסות,balconies patios
he,מרפסת,balcony patio deck
he,מרצפות,tiles flooring
he,מרצפת,tile flooring
he,מרק,putty spackle filler
he,מרתף,basement
he,מרתפים,basements
he,משאבה,pump
he,משאבת,pump
he,משוחרר,loose
he,משוכה,hedge
he,משחזות,grinders
he,משחזת,grinder
he,משטח,surface
he,משטחים,surfaces
he,משי,satin
he,משקוף,door frame jamb
he,משקופים,jambs frames
he,משקפי,safety glasses
he,משתלבת,pavers
he,מתאם,adapter
he,מתאמים,adapters
he,מתג,switch
he,מתז,sprayer nozzle
he,מתכוונן,adjustable
he,מתכווננת,adjustable
he,מתכות,metals
he,מתכת,metal
he,מתלה,hanger rack
he,מתלים,hangers racks
he,מתנדנד,wobbly loose
he,מתפוצץ,burst
he,מתקין,install installer
he,מתקלף,peeling peel
he,מתקפל,folding
he,נגד,resistant
he,נגר,carpentry woodworking
he,נוזל,leak liquid
he,נוזלת,leak leaking
he,נוח,comfortable
he,נועל,lock
he,נורה,bulb light
he,נורות,bulbs
he,נורת,bulb
he,נזילה,leak
he,נזילות,leaks
he,נזק,damage
he,נחושת,copper
he,נחש,drain snake
he,נטען,rechargeable cordless
he,נטענים,rechargeable cordless
he,נטענת,rechargeable cordless
he,ניאגרה,toilet tank
he,ניט,rivet
he,נייד,portable
he,ניילון,plastic nylon
he,נייר,paper
he,ניסור,sawing saw
he,ניקוז,drain drainage
he,ניקוי,cleaning clean
he,ניקיון,cleaning clean
he,ניקל,nickel
he,נירוסטה,stainless
he,נמוך,low
he,נמוכה,low
he,נמלים,ants insects
he,ננעל,lock locking
he,נסדק,cracked crack
he,נסר,saw
he,נסתם,clogged clog
he,נעול,lock locked
he,נעילה,locking lock
he,נעילת,locking lock
he,נעליים,shoes
he,נקב,hole
he,נקות,clean
he,נקי,clean
he,נשבר,broken
he,נשיאה,carrying carry
he,נתיך,fuse
he,נתיכים,fuses
he,סאטן,satin
he,סגור,close closed
he,סגירה,closing close
he,סדוק,cracked crack
he,סדנה,workshop
he,סדק,crack
he,סדר,organize
he,סוגר,latch closer
he,סולארי,solar
he,סוללה,battery
he,סוללות,batteries
he,סולם,ladder
he,סולמות,ladders
he,סחוב,carry
he,סטייפלר,stapler
he,סטים,sets
he,סטיפלר,stapler
he,סטנדרטי,standard
he,סיבית,fiberboard mdf
he,סידור,organize organizer
he,סיכה,staple
he,סיכות,staples
he,סיליקון,silicone caulk
he,סימון,marking
he,סיפון,drain trap
he,סכין,knife
he,סכינים,knives
he,סככה,shed shade
he,סלון,living room
he,סלים,baskets
he,סלסלה,basket
he,סמן,mark marking
he,ספוט,recessed light
he,ספירלה,drain snake
he,ספסל,bench
he,ספריי,spray
he,ספרים,books
he,סרגל,ruler
he,סרחון,odor
he,סרט,tape
he,סתום,clog clogged plug
he,סתומה,clog clogged
he,סתומים,clogged
he,סתימה,clog plug
he,סתימות,clogs
he,סתימת,plug clog fill
he,עבה,thick
he,עבודה,work
he,עבודות,work
he,עבודת,work
he,עבים,thick
he,עגול,round circular
he,עגלה,cart wagon
he,עגלות,carts
he,עגלת,cart
he,עובי,thickness thick
he,עובש,mold mildew
he,עוגן,anchor
he,עוגנים,anchors
he,עוצר,stop stopper
he,עיפרון,pencil marking
he,עלה,leaf
he,עליית,attic
he,עלים,leaves
he,עמוד,post pole
he,עמוק,deep
he,עמיד,durable resistant
he,עמידות,durability resistance
he,עמעם,dimmer
he,ענף,branch limb
he,ענפים,branches limbs
he,ענק,large huge
he,עץ,wood
he,עצי,wood
he,עצים,wood trees
he,עציץ,pot planter
he,עציצים,pots planters
he,עקום,bent crooked
he,עקור,pull remove
he,עקירה,pulling removal
he,ערוגה,garden bed
he,ערוגות,garden beds
he,ערוגת,garden bed
he,ערכה,kit set
he,ערכת,kit set
he,עשב,grass weed
he,עשן,smoke
he,פאנל,panel
he,פגום,damaged
he,פוגות,grout
he,פוליאוריטן,polyurethane
he,פוליאוריתן,polyurethane
he,פוליאתילן,polyethylene
he,פוליסטירן,polystyrene foam
he,פומפה,plunger
he,פורצלן,porcelain tile
he,פותח,opener open
he,פזר,spread
he,פחם,charcoal
he,פחמים,charcoal
he,פחת,gfci fault
he,פטיו,patio
he,פטיש,hammer
he,פטישון,hammer drill rotary
he,פיזור,spreading spread
he,פייה,nozzle
he,פילוס,level leveling
he,פילטר,filter
he,פינוי,removal cleanup
he,פיצוץ,burst
he,פירוק,disassembly removal
he,פלאייר,pliers
he,פלדה,steel
he,פלורסנט,fluorescent
he,פליז,brass
he,פלייר,pliers
he,פלס,level
he,פלסטיק,plastic
he,פנים,interior indoor
he,פנימי,interior indoor
he,פנל,baseboard trim
he,פנס,lantern light flashlight
he,פקסגול,pex pipe
he,פרגולה,pergola
he,פרוז'קטור,flood light
he,פרוייקט,project
he,פרויקט,project
he,פרופאן,propane
he,פרופיל,profile channel
he,פרזול,hardware
he,פרח,flower
he,פריימר,primer
he,פרק,disassemble remove
he,פרקט,flooring laminate
he,פשוט,simple easy
he,פתוח,open
he,פתח,opening open
he,פתיחת,open unclog
he,צבוע,paint painted
he,צביעה,painting paint
he,צביעת,painting paint
he,צבע,paint color
he,צבעוני,color colored
he,צבת,pliers
he,צהוב,yellow
he,צובע,paint painting
he,ציוד,equipment
he,צילינדר,cylinder lock
he,צינור,pipe hose
he,צינורות,pipes hoses
he,צינורית,tube tubing
he,ציפוי,coating coat
he,ציר,hinge
he,צירים,hinges
he,צל,shade
he,צלב,phillips cross
he,צלייה,grilling grill
he,צמח,plant
he,צמנט,cement
he,צמנטבורד,cement board
he,צמר,wool insulation
he,צנרת,pipes plumbing
he,צעצועים,toys
he,צרים,narrow
he,קאטר,cutter knife
he,קבע,fasten secure mount
he,קדוח,drill
he,קדיחה,drilling drill
he,קודח,drill
he,קולב,hanger
he,קומפוסט,compost
he,קומפקטי,compact
he,קומפרסור,compressor
he,קונסטרוקציה,structural framing
he,קופסאות,boxes
he,קופסה,box
he,קופסת,box
he,קורה,beam joist
he,קורוזיה,corrosion rust
he,קורות,beams joists
he,קורנס,sledge hammer
he,קטן,small
he,קטנה,small
he,קטנות,small
he,קטנים,small
he,קטר,cutter
he,קיבוע,fastening secure
he,קידוח,drilling drill
he,קילוף,peeling strip
he,קיפאון,freeze frost
he,קיץ,summer
he,קיר,wall
he,קירור,cooling cool
he,קל,lightweight easy
he,קלף,peel strip
he,קלקול,broken repair
he,קלקר,foam polystyrene
he,קלשון,fork pitchfork
he,קמין,fireplace fire
he,קפוא,frozen freeze
he,קפיץ,spring
he,קפיצים,springs
he,קצה,tip edge
he,קצף,foam
he,קצר,short
he,קרים,cold
he,קרמיקה,ceramic tile
he,קרניז,crown moulding
he,קרצוף,scrub scrubbing
he,קרצף,scrub
he,קרקע,ground soil
he,קרר,cool
he,קרש,board plank lumber
he,ראש,head
he,רגל,leg
he,רגליים,legs
he,רדיאטור,heater radiator
he,רהיט,furniture
he,רובה,grout
he,רווח,gap space
he,רווחים,gaps
he,רוח,wind
he,רוחב,width
he,רוטטת,hammer vibrating
he,רולר,roller
he,רועש,noisy noise
he,רופף,loose
he,רופפת,loose
he,רחב,wide
he,רחיצה,washing wash
he,רחצה,bathroom bath
he,רטוב,wet
he,רטט,vibration
he,רטיבות,moisture damp
he,ריהוט,furniture
he,ריח,odor smell
he,ריסוס,spray sprayer
he,ריסס,spray
he,ריצוף,flooring tile
he,ריתוך,welding weld
he,רכב,car vehicle
he,רסס,spray spraying
he,רעף,roof tile
he,רעפים,roofing shingles
he,רעש,noise
he,רצ'ט,ratchet
he,רצפה,floor
he,רצפות,floors
he,רצפת,floor
he,רשת,screen mesh net
he,רתך,weld
he,שאוב,vacuum suction
he,שאיבה,suction vacuum
he,שבור,broken break
he,שביל,path walkway
he,שבירה,break breaking
he,שבר,break broken
he,שואב,vacuum
he,שוודי,adjustable wrench
he,שוטף,washer wash
he,שולחן,table bench
he,שולחנות,tables
he,שומן,grease
he,שחוק,worn
he,שחור,black
he,שחרור,release loosen
he,שחרר,loosen release
he,שטוח,flat
he,שטוף,wash rinse
he,שטיח,carpet rug
he,שטילסון,pipe wrench
he,שטיפה,washing wash
he,שטיפת,washing wash
he,שיוף,sanding grinding
he,שיח,shrub bush
he,שייבה,washer
he,שייבות,washers
he,שייף,sand sanding
he,שינגלס,shingles
he,שיניים,teeth
he,שיפוץ,renovation remodeling
he,שיפוצים,renovation remodeling
he,שירותים,toilet bathroom
he,שכבה,coat layer
he,שכבות,coats
he,שלג,snow
he,שלד,framing
he,שלוף,pull remove
he,שליכט,stucco plaster
he,שמור,protect
he,שמירה,protection
he,שמן,oil
he,שמנוני,greasy grease
he,שמש,sun solar
he,שמשייה,umbrella patio
he,שסתום,valve
he,שסתומים,valves
he,שעון,timer clock
he,שער,gate
he,שערים,gates
he,שפכטל,putty knife scraper
he,שפכטלים,putty knives
he,שפץ,renovate remodel
he,שפשף,scrub rub
he,שקוף,clear transparent
he,שקופה,clear transparent
he,שקט,quiet
he,שקיות,bags
he,שקים,bags
he,שקית,bag
he,שקע,outlet socket
he,שריפה,fire
he,שרפרף,step stool
he,שרשרת,chain
he,שתול,plant
he,שתיל,plant seedling
he,שתילה,planting plant
he,שתילת,planting plant
he,תאורה,lighting light
he,תאורת,lighting light
he,תבלינים,herbs
he,תדלוף,leak
he,תולה,hang
he,תומך,support bracket
he,תומכי,supports brackets
he,תושבות,brackets mounts
he,תושבת,bracket mount
he,תיבה,box
he,תיבת,box
he,תיקון,repair
he,תיקונים,repairs
he,תלוי,hanging hang
he,תלות,hang
he,תליה,hanging hang
he,תלייה,hanging hang
he,תליית,hanging hang
he,תמונה,picture photo
he,תמונות,pictures
he,תמיכה,support
he,תנור,heater
he,תנורים,heaters
he,תעשייתי,heavy duty industrial
he,תפס,latch catch
he,תקוע,stuck stubborn
he,תקלה,repair fault
he,תקן,repair fix
he,תקע,plug
he,תקרה,ceiling
he,תקרות,ceilings
he,תקרת,ceiling
he,תריס,shutter blind
he,תרמי,thermal insulation
he,תרסיס,spray
ko,가구,furniture
ko,가꾸,garden grow
ko,가루,dust powder
ko,가리,cover hide
ko,가방,bag
ko,가벼,lightweight
ko,가볍,lightweight
ko,가성비,economical
ko,가스,gas propane
ko,가열,heat heating
ko,가위,scissors shears
ko,가정용,home household
ko,가지치,prune pruning
ko,각도,angle
ko,각도절단기,miter saw
ko,각도조절,adjustable angle
ko,각목,lumber stud
ko,각재,lumber
ko,간단,simple easy
ko,간편,easy
ko,갈기,grind sanding
ko,갈라,crack split
ko,갈아,grind sharpen replace
ko,갈퀴,rake
ko,감개,reel
ko,감는,wind coil
ko,감싸,wrap cover
ko,감아,wind coil wrap
ko,감전,shock electrical
ko,감지,sensor detect
ko,감지기,detector sensor
ko,강력,strong powerful
ko,강아지,dog pets
ko,강철,steel
ko,강한,strong
ko,개수대,sink
ko,개조,remodeling renovation
ko,거는,hang
ko,거름,compost fertilizer
ko,거실,living room
ko,거울,mirror
ko,거치대,rack holder mount
ko,거친,rough coarse
ko,거칠,rough coarse
ko,건습식,wet dry vacuum
ko,건전지,battery
ko,건조,dry drying
ko,걸고,hang
ko,걸기,hang hanging
ko,걸레,rag mop
ko,걸레받이,baseboard
ko,걸쇠,latch hasp
ko,걸어,hang
ko,걸이,hanger hook
ko,검은,black
ko,검전기,voltage tester
ko,검정,black
ko,겨울,winter
ko,견고,sturdy solid
ko,결로,condensation moisture
ko,경량,lightweight
ko,경첩,hinge
ko,계단,stairs stair
ko,고급,premium
ko,고리,hook ring
ko,고무,rubber
ko,고무망치,rubber mallet
ko,고무패킹,rubber gasket
ko,고압,high pressure
ko,고압세척기,pressure washer
ko,고양이,cat pets
ko,고여,standing water
ko,고이,standing water
ko,고장,broken repair
ko,고정,fasten secure mount
ko,고지가위,pole pruner
ko,고지톱,pole saw
ko,고쳐,repair fix
ko,고치,repair fix
ko,고친,repair fix
ko,고칠,repair fix
ko,곰팡,mold mildew
ko,공간,space
ko,공구,tool
ko,공구가방,tool bag
ko,공구상자,toolbox
ko,공구통,toolbox
ko,공구함,toolbox
ko,공방,workshop
ko,공사,construction project
ko,공예,crafts
ko,과부하,overload circuit
ko,관리,maintenance care
ko,관목,shrubs
ko,관수,irrigation watering
ko,관통기,drain auger
ko,광내,polish shine
ko,광택,polish gloss
ko,괭이,hoe
ko,교체,replace replacement
ko,교환,replace replacement
ko,구덩이,hole
ko,구리,copper
ko,구멍,hole
ko,구부,bend
ko,구조목,lumber framing
ko,굳,harden set
ko,균열,crack cracks
ko,그늘,shade
ko,그늘막,shade canopy
ko,그라스울,fiberglass insulation
ko,그라인더,grinder
ko,그릴,grill
ko,그림,picture
ko,글루,glue
ko,글루건,glue gun
ko,긁,scrape scratch
ko,금속,metal
ko,금이,crack
ko,급수,water supply
ko,급수관,supply line
ko,기계,machine
ko,기둥,post column
ko,기르,grow
ko,기름,oil grease
ko,기리,drill bit
ko,기와,roof tile
ko,기울,tilt uneven
ko,긴,long
ko,긴급,emergency
ko,길게,long
ko,길이,length
ko,깊이,depth
ko,깎,mow trim cut
ko,깔깔이,ratchet
ko,깜깜,dark
ko,깜빡,flicker
ko,깨기,break demolition
ko,깨끗,clean
ko,깨는,break
ko,깨뜨,break
ko,깨져,broken cracked
ko,깨지,broken cracked
ko,깨진,broken cracked
ko,깨트,break
ko,꼭지,faucet tap
ko,꽂,plug insert
ko,꽃,flower
ko,꾸며,decorate
ko,꾸미,decorate
ko,끄,switch
ko,끈,rope cord strap
ko,끈적,sticky adhesive
ko,끼우,insert fit
ko,끼워,insert fit
ko,끼익,squeak
ko,나르,carry
ko,나무,wood tree
ko,나뭇가지,branch limb
ko,나사,screw
ko,나사산,thread
ko,나일론,nylon
ko,낙뢰,surge lightning
ko,낙엽,leaves
ko,난로,heater stove
ko,난방,heating heater
ko,날,blade
ko,날개,wing
ko,날씨,weather
ko,날카,sharp
ko,낡,old worn
ko,납땜,soldering solder
ko,낮은,low
ko,내구,durable
ko,내부,interior inside
ko,내수,water resistant
ko,내열,heat resistant
ko,냄새,odor smell
ko,냉방,cooling cool
ko,냉수,cold water
ko,너비,width
ko,너트,nut
ko,널빤지,board plank
ko,넓,wide
ko,넘치,overflow
ko,네모,square
ko,네일건,nailer nail
ko,네일러,nailer
ko,노란,yellow
ko,노루발,claw
ko,노즐,nozzle
ko,녹,rust
ko,녹막이,rust primer
ko,녹색,green
ko,녹슨,rust rusty
ko,녹슬,rust rusty
ko,높게,high tall
ko,높은,high tall
ko,높이,height
ko,누르,press push
ko,누수,leak
ko,누전,gfci fault
ko,누전차단기,gfci breaker
ko,누출,leak
ko,눅눅,damp moisture
ko,눈삽,snow shovel
ko,눌러,press push
ko,느린,slow
ko,느슨,loose
ko,니스,varnish clear finish
ko,니퍼,cutter pliers
ko,다듬,trim smooth
ko,다락,attic
ko,다리,legs
ko,다용도,multi purpose
ko,다용도실,laundry utility
ko,다운라이트,recessed light
ko,닦,clean wipe
ko,단단,hard solid
ko,단열,insulation
ko,단자,terminal
ko,닫,close shut
ko,닳,worn wear
ko,담장,fence wall
ko,당겨,pull
ko,당기,pull
ko,당김톱,pull saw
ko,대리석,marble stone
ko,대못,nail
ko,대문,gate door
ko,대용량,large capacity
ko,대체,replacement replace
ko,대형,large
ko,더운,hot
ko,더위,heat hot
ko,덕트테이프,duct tape
ko,덜컹,rattle loose
ko,덤불,brush shrubs
ko,덥,hot
ko,덧칠,coat paint
ko,덮,cover
ko,데드볼트,deadbolt
ko,데우,heat warm
ko,데크,deck
ko,데크재,decking
ko,도구,tool
ko,도난,security
ko,도료,paint coating
ko,도르래,pulley
ko,도색,paint painting
ko,도어락,door lock
ko,도어체크,door closer
ko,도어클로저,door closer
ko,도장,paint coating
ko,도포,apply coat
ko,돌,stone
ko,돌려,turn
ko,돌리,turn
ko,돌아,turn
ko,동관,copper pipe
ko,동작감지,motion sensor
ko,동파,freeze burst
ko,두꺼,thick
ko,두꺼비집,panel breaker
ko,두께,thickness thick
ko,두툼,thick
ko,둥근,round
ko,둥근머리,round head
ko,드라이버,screwdriver driver
ko,드라이버비트,driver bit
ko,드레스룸,closet
ko,드릴,drill
ko,드릴비트,drill bit
ko,들고,carry
ko,들뜸,peeling
ko,들어올리,lift
ko,등기구,light fixture
ko,디머,dimmer
ko,디스크,disc
ko,디지털도어락,keypad lock
ko,따뜻,warm heat
ko,딱딱,hard
ko,땅파,dig
ko,때우,patch fill
ko,땜질,patch repair
ko,떨어지,drop drip loose
ko,떼기,remove detach
ko,떼는,remove detach
ko,떼어,remove detach
ko,똑똑,drip
ko,똑바,straight
ko,뚫,drill hole clog
ko,뚫어뻥,plunger
ko,뜨거,hot heat
ko,뜯,remove tear
ko,뜰,yard garden
ko,라쳇,ratchet
ko,락카,lacquer spray paint
ko,래커,lacquer spray paint
ko,랙,rack
ko,랜턴,lantern
ko,램프,lamp light
ko,레미콘,concrete
ko,레미탈,mortar mix
ko,레버,lever
ko,레벨,level
ko,레이저,laser
ko,레이크,rake
ko,렌치,wrench
ko,로프,rope
ko,롤러,roller
ko,롱노즈,needle nose pliers
ko,루핑,roofing
ko,리모델링,remodeling renovation
ko,리벳,rivet
ko,리빙박스,storage tote
ko,리튬,lithium
ko,리폼,refinish
ko,릴,reel
ko,릴선,cord reel
ko,마당,yard
ko,마루,floor flooring
ko,마르,dry
ko,마른,dry
ko,마스크,mask dust
ko,마스킹,masking tape painter
ko,마이터,miter
ko,마체테,machete
ko,막기,block seal prevent
ko,막는,block seal stop
ko,막대,rod bar
ko,막삽,shovel
ko,막아,block seal stop
ko,막을,block seal stop
ko,막혀,clog clogged
ko,막히,clog clogged
ko,막힌,clog clogged
ko,막힘,clog clogged
ko,만능,universal multi purpose
ko,만드,make build
ko,만들,make build
ko,말뚝,stake post
ko,말리,dry
ko,망가,broken damaged
ko,망치,hammer
ko,맞추,align adjust fit
ko,매끄,smooth
ko,매끈,smooth
ko,매달,hang hanging
ko,매입등,recessed light
ko,먹줄,chalk line
ko,먹통,chalk line
ko,먼지,dust
ko,멀칭,mulch
ko,멀티미터,multimeter
ko,멀티커터,oscillating tool
ko,멀티탭,power strip
ko,멀티툴,multi tool
ko,멍키,adjustable wrench
ko,메꾸,fill patch
ko,메꿔,fill patch
ko,메우,fill patch
ko,메탈,metal
ko,모기,mosquito insects
ko,모래,sand
ko,모르타르,mortar
ko,모종,plants seedlings
ko,모종삽,trowel
ko,목공,woodworking carpentry
ko,목재,wood lumber
ko,몰딩,moulding trim
ko,몰탈,mortar
ko,못,nail
ko,못질,nail hammer
ko,못총,nailer
ko,몽키,adjustable wrench
ko,묘목,tree
ko,무거,heavy
ko,무겁,heavy
ko,무광,flat matte
ko,무선,cordless wireless
ko,무소음,quiet
ko,무지주,floating shelf
ko,묶,tie strap
ko,문,door
ko,문고리,knob handle
ko,문받이,door stop
ko,문선,casing trim
ko,문손잡이,door knob
ko,문틀,door frame jamb
ko,문풍지,weatherstrip draft
ko,물,water
ko,물건,items
ko,물기,moisture wet
ko,물때,buildup grime
ko,물받이,gutter
ko,물방울,drip water
ko,물뿌리개,watering
ko,물샘,leak
ko,물주,water watering
ko,물청소,wash cleaning
ko,물탱크,tank
ko,물통,bucket water
ko,물호스,hose
ko,미끄,slip slippery
ko,미니,mini compact
ko,미장,plaster trowel
ko,믹스,mix
ko,밀봉,seal sealed
ko,밀어,push
ko,밀폐,airtight sealed
ko,바구니,basket bin
ko,바깥,outdoor outside
ko,바꾸,replace change
ko,바꿔,replace change
ko,바니쉬,varnish clear finish
ko,바니시,varnish clear finish
ko,바닥,floor
ko,바닥재,flooring
ko,바람,wind draft
ko,바래,fade fading
ko,바르,apply coat
ko,바른,apply coat
ko,바베큐,grill bbq
ko,바비큐,grill bbq
ko,바이스,vise
ko,바퀴,wheel casters
ko,박기,drive nail
ko,박는,drive nail
ko,박스,box bin
ko,박스테이프,packing tape
ko,박아,drive nail
ko,박으,drive nail
ko,박을,drive nail
ko,밖,outdoor outside
ko,반광,satin semi gloss
ko,반듯,straight level
ko,반려동물,pets
ko,받침대,stand support bracket
ko,발라,apply coat
ko,발수,water repellent
ko,발코니,balcony
ko,발판,step stool
ko,발포,foam expanding
ko,밝,bright light
ko,밝히,light illuminate
ko,밤,night
ko,밧줄,rope
ko,방,room
ko,방문,door
ko,방범,security
ko,방부목,treated lumber
ko,방수,waterproof
ko,방수제,waterproofing sealer
ko,방수지,felt underlayment
ko,방울,drip drop
ko,방음,soundproof
ko,방지,prevent protection
ko,방청,rust
ko,방충,insect screen
ko,방한,insulation cold
ko,배관,plumbing pipe
ko,배선,wiring wire
ko,배수,drain drainage
ko,배수관,drain pipe
ko,배양토,potting soil
ko,배터리,battery
ko,밸브,valve
ko,번호키,keypad lock
ko,벌레,insects pests
ko,벌초,mow trim
ko,벗겨,peeling peel
ko,벗기,strip remove
ko,베니어,plywood veneer
ko,베란다,balcony patio
ko,벤치,bench
ko,벨트,belt
ko,벽,wall
ko,벽걸이,wall mount
ko,벽돌,brick
ko,벽등,wall light sconce
ko,벽선반,wall shelf
ko,벽지,wallpaper
ko,변기,toilet
ko,변기커버,toilet seat
ko,변색,fading
ko,보관,storage store
ko,보관함,storage bin
ko,보도,sidewalk walkway
ko,보도블록,pavers
ko,보수,repair patch
ko,보안,security
ko,보안경,safety glasses
ko,보안등,security light
ko,보양,drop cloth protect
ko,보온,insulation
ko,보일러,heater boiler
ko,보호,protect protection
ko,복도,hallway
ko,복스,socket
ko,본드,glue adhesive
ko,볼탑,fill valve
ko,볼트,bolt
ko,부드,smooth soft
ko,부러,broken
ko,부속,parts fittings
ko,부수,demolition break
ko,부식,corrosion rust
ko,부엌,kitchen
ko,부착,attach mount
ko,부표,float
ko,부품,parts
ko,분리,separate split
ko,분무,spray sprayer
ko,분사,spray
ko,분사기,sprayer
ko,분전반,panel breaker
ko,분진,dust
ko,분해,disassemble
ko,불멍,fire pit
ko,붓,brush
ko,붙,glue stick adhesive
ko,브라켓,bracket
ko,브래킷,bracket
ko,브러쉬,brush
ko,브러시,brush
ko,블라인드,blind shades
ko,블럭,block
ko,블로워,blower
ko,블록,block
ko,비닐,vinyl plastic
ko,비뚤,crooked
ko,비료,fertilizer
ko,비상,emergency
ko,비추,light illuminate
ko,비트,bit
ko,빗물,rain rainwater
ko,빗물받이,gutter
ko,빗자루,broom
ko,빗장,latch
ko,빠데,putty filler
ko,빠르,fast quick
ko,빠른,fast quick
ko,빠져,loose drain
ko,빠지,loose drain
ko,빨간,red
ko,빨래,laundry
ko,빨리,fast quick
ko,빨아,suction vacuum
ko,빼,remove pull
ko,뺀찌,pliers
ko,뻰찌,pliers
ko,뽁뽁이,bubble insulation
ko,뽑,pull remove
ko,뿌려,spray spread
ko,뿌리,spray spread roots
ko,삐걱,squeak squeaky
ko,사각,square rectangular
ko,사다리,ladder
ko,사이딩,siding
ko,사이즈,size
ko,사진,picture photo
ko,사포,sandpaper
ko,사포질,sanding sand
ko,산업용,industrial heavy duty
ko,산울타리,hedge
ko,살수기,sprinkler
ko,살포,spread spray
ko,삼각자,square
ko,삼나무,cedar
ko,삽,shovel
ko,삽입,insert
ko,상자,box bin
ko,상토,potting soil
ko,상판,top
ko,새것,new
ko,새고,leak
ko,새네,leak
ko,새는,leak leaking
ko,새로,new
ko,새서,leak
ko,새어,leak
ko,새요,leak
ko,새지,leak
ko,새틴,satin
ko,색,color
ko,색칠,paint
ko,샌다,leak
ko,샌더,sander
ko,샌드페이퍼,sandpaper
ko,샌딩,sanding sand
ko,샙니다,leak
ko,생울타리,hedge
ko,생활방수,water resistant
ko,샤워,shower
ko,샤워기,shower head
ko,샹들리에,chandelier
ko,서랍,drawer
ko,서랍장,drawer chest
ko,서지,surge
ko,서큘러,circular saw
ko,석고,gypsum drywall
ko,선반,shelf shelving
ko,선반받침,shelf bracket
ko,선풍기,fan
ko,설치,install installation
ko,세면대,sink vanity
ko,세정제,cleaner
ko,세제,cleaner detergent
ko,세차,car wash
ko,세척,wash clean
ko,세탁실,laundry
ko,센서,sensor
ko,센서등,motion sensor light
ko,셀프,diy
ko,소나무,pine
ko,소음,noise
ko,소켓,socket
ko,소형,small compact
ko,손,hand manual
ko,손상,damage damaged
ko,손수레,cart wheelbarrow
ko,손잡이,handle knob
ko,손전등,flashlight light
ko,손질,trim care
ko,솔,brush
ko,솔라,solar
ko,송풍기,blower
ko,쇠,iron metal
ko,쇠스랑,fork
ko,쇠톱,hacksaw
ko,수납,storage
ko,수납장,cabinet
ko,수납함,storage bin
ko,수도,water supply
ko,수도관,water pipe
ko,수도꼭지,faucet tap
ko,수돗물,water
ko,수동,manual hand
ko,수레,cart
ko,수리,repair
ko,수선,repair
ko,수성,water based latex
ko,수세미,scrub sponge
ko,수압,water pressure
ko,수영장,pool
ko,수전,faucet
ko,수직,vertical plumb
ko,수평,level horizontal
ko,숨기,hide concealed
ko,숯,charcoal
ko,쉬운,easy
ko,쉽,easy
ko,슁글,shingles
ko,스네이크,snake auger
ko,스마트,smart
ko,스위치,switch
ko,스크래치,scratch
ko,스크래퍼,scraper
ko,스크루,screw
ko,스크류,screw
ko,스크류드라이버,screwdriver
ko,스타코,stucco
ko,스탠드,lamp stand
ko,스터드,stud
ko,스테이플,staple stapler
ko,스테인,stain
ko,스테인리스,stainless
ko,스텐,stainless
ko,스토퍼,stop stopper
ko,스트리퍼,wire stripper
ko,스티로폼,foam polystyrene
ko,스틸,steel
ko,스패너,wrench
ko,스프레이,spray
ko,스프링,spring
ko,스프링클러,sprinkler
ko,습기,moisture humidity damp
ko,시공,install construction
ko,시끄,noisy loud noise
ko,시너,thinner
ko,시멘트,cement
ko,시원,cool
ko,식물,plant plants
ko,식히,cool
ko,신나,thinner
ko,신발,shoes
ko,신발장,shoe rack
ko,실내,indoor interior
ko,실란트,sealant
ko,실러,sealer
ko,실리콘,silicone caulk
ko,실링,seal sealing
ko,실링팬,ceiling fan
ko,실외,outdoor exterior
ko,실테이프,ptfe tape
ko,실톱,coping saw
ko,심기,plant planting
ko,심는,plant planting
ko,심어,plant planting
ko,심으,plant planting
ko,심을,plant planting
ko,십자,phillips
ko,싱크,sink
ko,싱크대,sink kitchen
ko,쌓,stack
ko,써큘러,circular saw
ko,쏠라,solar
ko,쓰레기,trash debris
ko,쓰레기통,trash bin
ko,쓸기,sweep broom
ko,쓸어,sweep broom
ko,씌우,cover
ko,씨앗,seed
ko,씰러,sealer
ko,씻,wash clean
ko,아스팔트,asphalt
ko,아연,zinc galvanized
ko,아이볼트,eye bolt
ko,아크릴,acrylic
ko,아파트,home apartment
ko,악취,odor
ko,안전,safe safety
ko,알렌,hex key
ko,알루미늄,aluminum
ko,압력,pressure
ko,압착기,crimper
ko,앙카,anchor
ko,애완,pets
ko,액자,picture frame
ko,앵글,angle bracket
ko,앵커,anchor
ko,야간,night
ko,야외,outdoor
ko,야채,vegetables
ko,얇,thin
ko,양동이,bucket pail
ko,양면,double sided
ko,양면테이프,double sided tape
ko,양변기,toilet
ko,어댑터,adapter
ko,어두,dark
ko,어둠,dark
ko,어둡,dark
ko,얼룩,stain spot
ko,얼면,freeze
ko,얼어,freeze frozen
ko,얼음,ice freeze
ko,얼지,freeze
ko,업소용,commercial
ko,없애,remove eliminate
ko,에나멜,enamel
ko,에어컨,air conditioner
ko,엔진톱,chainsaw
ko,엘보,elbow fitting
ko,엘이디,led
ko,여는,open
ko,여름,summer
ko,역류,backflow
ko,연결,connect connection
ko,연기,smoke
ko,연마,sanding polishing abrasive
ko,연마기,sander grinder
ko,연장,tool extension
ko,연장선,extension cord
ko,열고,open
ko,열선,heating cable
ko,열쇠,key lock
ko,열어,open
ko,예방,prevent protection
ko,예초,trimmer mow
ko,오래된,old
ko,오링,ring seal
ko,오염,dirt stain
ko,오일,oil
ko,오일스테인,oil stain
ko,오크,oak
ko,오함마,sledge hammer
ko,옥외,outdoor exterior
ko,온수,hot water
ko,온수기,water heater
ko,온풍기,heater
ko,옮겨,move carry
ko,옮기,move carry
ko,옷걸이,hanger clothes
ko,옷장,closet
ko,와샤,washer
ko,와셔,washer
ko,와이어,wire cable
ko,와이어메쉬,wire mesh
ko,와트,watt
ko,왁스,wax
ko,왕복톱,reciprocating saw
ko,외벽,exterior wall siding
ko,외부,exterior outdoor
ko,외풍,draft
ko,욕실,bathroom
ko,욕실등,bathroom light
ko,욕조,tub bathtub
ko,용마루,ridge
ko,용접,welding weld
ko,우드,wood
ko,우레탄,polyurethane
ko,우레탄폼,spray foam
ko,운반,carry transport
ko,울타리,fence
ko,울퉁,uneven
ko,워크벤치,workbench
ko,원목,solid wood
ko,원형,round circular
ko,원형톱,circular saw
ko,위험,safety hazard
ko,유광,gloss
ko,유리,glass
ko,유리섬유,fiberglass
ko,유선,corded
ko,유성,oil based
ko,유연,flexible
ko,유지,maintenance
ko,유지보수,maintenance repair
ko,육각,hex
ko,육각렌치,hex key
ko,의자,chair
ko,이끼,moss algae
ko,이동,move portable
ko,이동식,portable rolling
ko,이사,moving
ko,이어,connect extend
ko,이음,joint coupling fitting
ko,인두,soldering iron
ko,인체감지,motion sensor
ko,인테리어,interior decor
ko,일자,slotted flat
ko,임팩트,impact driver
ko,잇,connect join
ko,자갈,gravel
ko,자동,automatic
ko,자동차,car automotive
ko,자라,grow
ko,자르,cut
ko,자른,cut
ko,자물쇠,lock padlock
ko,자석,magnet magnetic
ko,자외선,uv sun
ko,자작나무,birch
ko,자전거,bike bicycle
ko,작게,small
ko,작아,small
ko,작업대,workbench
ko,작업등,work light
ko,작업장,workshop shop
ko,작은,small compact
ko,잔디,lawn grass
ko,잔디깎,mower mow
ko,잔디씨,grass seed
ko,잘라,cut
ko,잘랐,cut
ko,잘려,cut
ko,잘리,cut
ko,잘린,cut
ko,잠가,lock
ko,잠그,lock
ko,잠금,lock locking
ko,잠기,lock
ko,잠길,lock
ko,잡초,weeds
ko,장갑,gloves
ko,장도리,claw hammer
ko,장비,equipment tool
ko,장식,decorative decorations
ko,장작,firewood
ko,장착,install mount
ko,장판,flooring vinyl
ko,재기,measure
ko,재는,measure
ko,재려,measure
ko,재료,materials supplies
ko,재야,measure
ko,재질,material
ko,저렴,inexpensive economical
ko,저소음,quiet
ko,적삼목,cedar
ko,적재,storage
ko,전구,bulb light
ko,전구색,warm white
ko,전기,electric electrical
ko,전기선,wire
ko,전기톱,power saw
ko,전동,power electric
ko,전동드릴,power drill
ko,전등,light lamp
ko,전력,power
ko,전문,professional pro
ko,전선,wire cable
ko,전선관,conduit
ko,전압,voltage
ko,전원,power
ko,전정,pruning
ko,전정가위,pruning shears
ko,전정기,hedge trimmer
ko,전지,pruning battery
ko,전지가위,pruning shears
ko,절단,cut cutting
ko,절단기,cutter saw
ko,절단석,cutting disc
ko,절연,insulated
ko,절연테이프,electrical tape
ko,점검,inspect check
ko,점적,drip irrigation
ko,접시머리,flat head
ko,접이,folding
ko,접지,ground grounding
ko,접착,adhesive glue
ko,정글도,machete
ko,정돈,organize
ko,정리,organize organizer
ko,정리함,organizer bin
ko,정밀,precision
ko,정션박스,junction box
ko,정원,garden
ko,정원등,garden light
ko,정원수,trees shrubs
ko,정원호스,garden hose
ko,정전,power outage
ko,정확,accurate precise
ko,젖,wet
ko,제거,remove removal
ko,제설,snow
ko,제습기,dehumidifier moisture
ko,제작,build make
ko,제초,weed
ko,젯소,primer
ko,조경,landscaping landscape
ko,조광,dimmer
ko,조립,assemble assembly
ko,조명,light lighting
ko,조여,tighten
ko,조용,quiet
ko,조이,tighten
ko,조인트,joint
ko,조일,tighten
ko,조임,tighten
ko,조적,masonry
ko,조절,adjustable adjust
ko,좁,narrow tight
ko,좌변기,toilet
ko,주광색,daylight
ko,주방,kitchen
ko,주택,home house
ko,줄눈,grout
ko,줄자,tape measure
ko,중량,heavy weight
ko,지그소,jigsaw
ko,지붕,roof roofing
ko,지지,support
ko,지지대,support brace
ko,지하실,basement
ko,직각자,square
ko,직부등,ceiling light
ko,직소,jigsaw
ko,진공,vacuum
ko,진입로,driveway
ko,집,home house
ko,집게,pliers clamp
ko,집진,dust collection
ko,집진기,dust vacuum
ko,짓,build
ko,짧,short
ko,쪼개,split
ko,찢,tear torn
ko,차가,cold
ko,차갑,cold
ko,차고,garage
ko,차광,shade
ko,차단,shut block
ko,차단기,breaker circuit
ko,차량,vehicle car
ko,찬장,cabinet
ko,참나무,oak
ko,창,window
ko,창고,shed storage
ko,창틀,window frame
ko,채소,vegetables
ko,채우,fill
ko,채워,fill
ko,책상,desk table
ko,처마,eaves
ko,처지,sag sagging
ko,처짐,sag sagging
ko,천공,drill hole
ko,천장,ceiling
ko,천장등,ceiling light
ko,천정,ceiling
ko,철,steel iron
ko,철거,demolition remove
ko,철근,rebar
ko,철망,wire mesh
ko,철문,steel door
ko,철물,hardware
ko,철사,wire
ko,철제,steel metal
ko,철판,steel plate
ko,청소,clean cleaning
ko,청소기,vacuum
ko,체인,chain
ko,체인톱,chainsaw
ko,초록,green
ko,초크,chalk
ko,추운,cold
ko,추위,cold
ko,축축,damp wet
ko,춥,cold
ko,충전,charge battery rechargeable
ko,충전기,charger
ko,충전드릴,cordless drill
ko,충전식,cordless rechargeable
ko,취미,hobby crafts
ko,측정,measure measuring
ko,치수,size measure dimensions
ko,칠,paint coat
ko,칠판,chalkboard
ko,침대,bed
ko,침실,bedroom
ko,카트,cart
ko,카펫,carpet
ko,칼,knife
ko,칼날,blade
ko,칼라,color
ko,칼브럭,anchor plug
ko,칼블럭,anchor plug
ko,캐리어,carrier carry
ko,캐비넷,cabinet
ko,캐비닛,cabinet
ko,캐스터,casters wheel
ko,캠핑,camping
ko,커넥터,connector
ko,커버,cover
ko,커터,cutter knife
ko,커터칼,utility knife
ko,커튼,curtain
ko,커팅,cutting cut
ko,커플링,coupling
ko,컴컴,dark
ko,컴팩트,compact
ko,컴프레샤,compressor air
ko,컴프레서,compressor air
ko,컷쏘,reciprocating saw
ko,컷팅,cutting cut
ko,케이블,cable wire
ko,케이블타이,cable ties
ko,켜,light switch
ko,코드,cord
ko,코킹,caulk caulking
ko,코팅,coating coat
ko,콘센트,outlet receptacle
ko,콘크리트,concrete
ko,콤프레샤,compressor air
ko,콤프레서,compressor air
ko,크게,large
ko,크기,size
ko,크랙,crack
ko,크리스마스,christmas holiday
ko,큰,large big
ko,클램프,clamp
ko,클로저,door closer
ko,클리너,cleaner
ko,키우,grow
ko,타공,hole drilling
ko,타공판,pegboard
ko,타이머,timer
ko,타이어,tire
ko,타일,tile
ko,타일커터,tile cutter
ko,타카,stapler nailer
ko,타카핀,staple brad
ko,탈피기,wire stripper
ko,탐지기,detector finder
ko,태양광,solar
ko,터져,burst
ko,터지,burst
ko,터진,burst
ko,텃밭,garden vegetable
ko,테라스,patio deck
ko,테라코타,terra cotta
ko,테스터,tester voltage
ko,테이블,table
ko,테이프,tape
ko,테프론,ptfe tape
ko,텔레비전,tv
ko,토글,toggle
ko,토분,terra cotta pot
ko,토양,soil
ko,토크,torque
ko,톱,saw
ko,톱날,saw blade
ko,톱니,teeth blade
ko,톱밥,sawdust
ko,톱질,saw sawing
ko,통로,walkway path
ko,통풍,ventilation airflow
ko,퇴비,compost
ko,투광등,flood light
ko,투명,clear transparent
ko,트랩,trap
ko,트레이,tray
ko,트리머,trimmer
ko,튼튼,sturdy durable heavy
ko,틈,gap crack
ko,틈막이,draft seal
ko,티비,tv
ko,파고,dig
ko,파기,dig digging
ko,파내,dig
ko,파라솔,umbrella patio
ko,파란,blue
ko,파서,dig
ko,파손,damage broken
ko,파우치,pouch bag
ko,파이버글라스,fiberglass
ko,파이프,pipe
ko,파종,seed sowing
ko,판자,board plank
ko,판재,board lumber
ko,패킹,gasket washer
ko,퍼티,putty filler
ko,펌프,pump
ko,페그보드,pegboard
ko,페인트,paint
ko,페인팅,painting
ko,펜스,fence
ko,펜치,pliers
ko,편리,convenient easy
ko,편한,comfortable easy
ko,평탄,level flat
ko,평평,flat level
ko,폭,width
ko,폼,foam
ko,풀깎,mow trim grass
ko,풀려,loose
ko,풀리,loose loosen
ko,풀밭,grass lawn
ko,풀베기,mow trim grass
ko,풀어,loosen
ko,풀칠,glue
ko,프라이머,primer
ko,프로,pro professional
ko,프로젝트,project
ko,프로판,propane
ko,플라스틱,plastic
ko,플라이어,pliers
ko,플래시,flashlight light
ko,플래퍼,flapper
ko,플랜터,planter
ko,플러그,plug
ko,플런저,plunger
ko,플로팅,floating
ko,피스,screw
ko,피팅,fitting
ko,하수,sewer drain
ko,하수관,drain pipe
ko,하얀,white
ko,함마,sledge hammer
ko,함마드릴,hammer drill
ko,합선,short circuit
ko,합성목,composite
ko,합판,plywood
ko,해머,hammer
ko,해머드릴,hammer drill
ko,해체,demolition
ko,해충,pests insects
ko,핵쏘,hacksaw
ko,핸드쏘,hand saw
ko,핸들,handle
ko,햄머,hammer
ko,햄머드릴,hammer drill
ko,햇볕,sun
ko,햇빛,sun sunlight
ko,행거,hanger rack
ko,행잉,hanging
ko,허브,herbs
ko,헐거,loose
ko,헐렁,loose
ko,헤라,scraper putty
ko,헤비듀티,heavy duty
ko,현관,entry door
ko,현관등,entry light
ko,현관문,front door entry
ko,현장,jobsite site
ko,형광등,fluorescent light
ko,호미,hoe
ko,호스,hose
ko,호스릴,hose reel
ko,홀소,hole saw
ko,홀쏘,hole saw
ko,홈통,gutter downspout
ko,화단,garden bed
ko,화로,fire pit
ko,화분,pot planter
ko,화장실,bathroom toilet
ko,화재,fire
ko,환기,ventilation vent
ko,환풍기,exhaust fan vent
ko,황동,brass
ko,회색,gray
ko,회전,rotating swivel
ko,후레쉬,flashlight light
ko,후크,hook
ko,훅,hook
ko,휘어,bent bend
ko,휴대,portable
ko,흔들,loose wobble
ko,흘러,flow leak
ko,흙,soil dirt
ko,흙손,trowel
ko,흡수,absorb
ko,흡입,suction
ko,흡착,suction
ko,흰,white
ko,히터,heater
ko,힌지,hinge
$glossary$, '\n') AS e (line)
WHERE e.line <> '';
