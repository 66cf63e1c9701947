// English lexicon. ASCII terms match on word boundaries; a trailing `*` makes a
// stem ("refund*" matches refunded, refunds). Weights as in core-ja.ts.
import type { LexiconSource } from '../lexicon';

export const EN_LEXICON: LexiconSource = {
  lang: 'en',
  categories: {
    billing_error: `
three times:0.5|twice:0.6
even though:0.45|instead of:0.5|sale price:0.5|was charged:0.7|got charged:0.7|been charged:0.7|charged the full:1.5|charged three times:2|charged 3 times:2|charged multiple times:2|billed for two:1.5|cancellation fee:1|but i was charged:1
double charged:2|double charge*:2|double-charged:2|double billed:2|double billing:2|charged twice:2|billed twice:2|charged me twice:2|charged two times:2|two charges:1.5|duplicate charge*:2|duplicate payment*:2|paid twice:1.5
charged after cancel*:2|still charging me:2|still being charged:2|still charged:1.5|charged even though i cancel*:2|after i cancelled:1|after cancelling:1|after canceling:1|cancelled my subscription and:1|canceled my subscription and:1
wrong amount:2|overcharged:2|overcharging:2|over-charged:2|charged more than:2|charged extra:1.5|charged the wrong:2|incorrect charge*:2|incorrect amount:2|unknown charge*:2|unauthorized charge*:2|unrecognized charge*:2|mystery charge*:2|random charge*:2|charge i don't recognize:2|charge i didn't make:2|didn't authorize:1.5|wasn't charged the:1
charged for:0.8|charged me:0.8|billed me:0.8|billed for:0.6|charge on my card:1|on my statement:0.8|my bank statement:0.8|refund still:1.2|still waiting for my refund:2|still waiting on my refund:2|never got my refund:2|no refund:1.5|where is my refund:2|refund hasn't:2|refund has not:2|refund*:0.4|charged:0.4|billing:0.4|invoice:0.3|discount wasn't applied:1.5|coupon didn't apply:1.2|promo code didn't:1.2|free trial and:0.6|during the free trial:1|price was wrong:1.5|charged full price:1.5|auto-renewed:1|auto renewed:1|renewed without:1.5`,
    outage: `
logs me out:1.5|logged out:1|keeps logging me out:2|logging me out:1.5
can't log in:2|cannot log in:2|can't login:2|cannot login:2|unable to log in:2|unable to login:2|can't sign in:2|cannot sign in:2|unable to sign in:2|login fails:2|login failed:1.5|login isn't working:2|login is broken:2|locked out:1.5|log in:0.3|login:0.4
is down:2|are down:2|down again:2|went down:2|servers down:2|server down:2|site down:2|app down:2|outage:2|service disruption:2|disruption:1|not loading:2|won't load:2|doesn't load:2|isn't loading:2|keeps crashing:2|crashes:1.5|crashing:1.5|crashed:1.2|keeps freezing:2|freezes:1.5|frozen:1|stuck on:1.2|stuck at:1.2|spinning:1|blank screen:1.5|white screen:1.5
error:1.2|errors:1.2|error message:1.5|error code:2|500:0.8|502:1.2|503:1.2|404:0.8|bug:1|buggy:1.2|glitch*:1.2|not working:1.2|isn't working:1.2|doesn't work:1|won't work:1|stopped working:1.5|broken since:1.5|no signal:2|no service:1.5|no internet:2|no connection:1.5|can't connect:2|cannot connect:2|unable to connect:2|connection drops:2|keeps dropping:2|dropped calls:2|calls keep dropping:2
can't access:1.5|cannot access:1.5|unable to access:1.5|can't open:1|won't open:1.2|won't start:1.2|can't checkout:2|can't check out:2|checkout fails:2|checkout is broken:2|payment fails:1.5|payment keeps failing:2|payment failed:1.2|can't place an order:2|can't pay:1.5|unusable:1.5|painfully slow:1.5|so slow:0.8|super slow:1|extremely slow:1.2|lagging:1.2|laggy:1.2|timing out:2|times out:2|timeout:1.5|not syncing:1.5|won't sync:1.5|not sending:1.2|can't send:1.2|notifications stopped:1.5|verification code:0.6|never arrives:0.6|since the update:1|after the update:1|after updating:1
app:0.4|website:0.4|site:0.3|server*:0.4|wifi:0.4|wi-fi:0.4|internet:0.4|network:0.4|dashboard:0.4|account:0.2|password:0.3`,
    defect: `
hole in:1.5|has a hole:1.5
broke out:0|brand new:0.8
broken:1.5|broke:1.2|arrived broken:2|arrived damaged:2|damaged:1.5|cracked:1.5|shattered:2|dented:1.5|scratched:1.2|scratches:1|torn:1.5|ripped:1.5|stained:1.2|leaking:1.5|leaks:1.2|missing parts:2|missing part:2|parts missing:2|missing piece*:2|is missing:1|was missing:1.2|were missing:1.2|missing:0.6|not included:1.2|wasn't in the box:2|without the:0.4
wrong item:2|wrong product:2|wrong size:1.5|wrong color:1.5|wrong colour:1.5|wrong order:2|not what i ordered:2|different item:1.5|sent me the wrong:2|got the wrong:2|received the wrong:2|instead of the:0.8|mixed up my order:2|order was wrong:2|order was incorrect:2
defective:2|defect:1.5|faulty:2|doesn't turn on:2|won't turn on:2|won't charge:1.5|doesn't charge:1.5|not charging:1.5|stopped charging:1.5|dead on arrival:2|doa:1.5|fell apart:2|falling apart:1.5|came apart:1.5|stopped working after:1.5|died after:1.5|battery dies:1.2|no sound:1.2
hair in:2|bug in my:2|insect in:2|foreign object:2|piece of plastic:2|plastic in:1.5|expired:1.5|past its expiry:2|moldy:2|mouldy:2|mold:1.2|spoiled:2|rotten:2|stale:1.2|smelled off:1.5|tasted off:1.5|cold food:1|food was cold:1.5|undercooked:1.5|raw in the middle:1.5|never arrived:2|hasn't arrived:1.5|has not arrived:1.5|didn't arrive:1.5|still hasn't arrived:2|haven't received:1.5|have not received:1.5|never received:2|lost package:2|lost parcel:2|package was empty:2|box was empty:2
arrived:0.3|package:0.3|parcel:0.3|order:0.2|ordered:0.3|item:0.2|product:0.2|delivered:0.3|received:0.3|unboxed:0.5|opened the box:0.6`,
    safety: `
boiling water:1.2|scald*:2
burn*:1.5|burned my:2|burnt my:2|injur*:2|hurt my:1.5|cut my:2|cut myself:2|bleeding:2|caught fire:2|on fire:1.5|fire hazard:2|smoke:1.5|smoking:1|sparks:2|sparking:2|exploded:2|explode*:1.5|electric shock:2|shocked me:1.5|overheat*:1.5|melted:1.5|melting:1.5|swollen battery:2|battery swelling:2
allergic reaction:2|allergic:1|reaction to:1|anaphyla*:2|hives:2|rash:1.5|swelling:1|food poisoning:2|poisoning:1.5|sick after:2|got sick:2|made me sick:2|threw up:2|vomit*:2|diarrhea:2|stomach ache:1.5|stomachache:1.5|hospital:1.5|er visit:2|emergency room:2|doctor:0.8
glass in:2|shard*:1.5|metal in:1.5|choking:2|choke:1.2|swallowed:1.5|recall:2|recalled:2|unsafe:1.5|dangerous:1.5|hazard*:1.5|safety issue:2|safety concern:2|not listed on the label:1.5|undeclared:2|contains nuts:1|contained peanuts:1.5`,
    backlash: `
local news:2|the news:1.2|tv station:1.5|spreading the word:2
boycott*:2|spread the word:2|everyone should know:2|warn everyone:2|warning everyone:2|going viral:1.5|go viral:1.5|retweet:1|rt if:1.5|please share:1.5|share this:1.2|tell everyone:1.5|never buying from:0.8|never again:0.6
lawyer:2|attorney:2|sue:2|suing:2|lawsuit:2|legal action:2|small claims:2|bbb:1.5|better business bureau:2|ftc:2|attorney general:2|regulator*:1.5|consumer protection:2|trading standards:2|ombudsman:2|report you to:2|reporting you to:2|the press:1.5|journalist:1.5|reporter:1.2|news station:1.5|contacting the media:2|police:1.5|health department:2|health inspector:2
data breach:2|leaked:1.5|leak:1.2|someone else's order:1.5|someone else's data:2|someone else's account:1.5|other people's:1.2|privacy violation:2|scam:1.5|scammers:2|fraud:1.2|fraudulent:1.5|rip-off:1.2|ripoff:1.2|thieves:1.5|criminal:1.2|class action:2|public apology:1.2|1 star:1.2|one star:1.2|review everywhere:2|worst company:1.5
die:1|f*** you:2|fuck you:2|screw you:1.5|morons:1.5|idiots:1.5|useless company:1.5|garbage company:2|trash company:2|go bankrupt:2|hope you go out of business:2|clowns:1.2|pathetic:0.8|incompetent:1`,
    purchase_intent: `
do you have:0.6
plans:1
taking my money:2|in my life:1.2|need these:1|need this:1|upgrading:1.2|family plan:1.2|thinking about:0.6|reservation*:1.5|
in stock:2|out of stock:1|back in stock:2|restock*:2|available in:1.5|availability:1.2|do you sell:1.5|do you carry:1.5|where can i buy:2|where to buy:2|buy:0.8|buying:0.8|purchase:1|want to order:1.5|looking to buy:2|planning to buy:2|thinking of buying:2|thinking about buying:2|considering:0.8|interested in:1.2
size:0.8|sizes:1|sizing:1.5|fit:0.3|colour:0.5|color:0.5|price:1|prices:1|pricing:1.5|how much:1.5|cost:0.8|plan:0.6|subscription options:1.5|upgrade to:1.2|upgrade:0.8|annual plan:1.5|monthly plan:1.2|enterprise plan:1.5|quote:1|bulk order*:2|wholesale:2|order in bulk:2|units:0.6
reserve:1.5|book a table:2|table for:1.5|booking:1.2|book:0.6|party of:1.2|walk-in*:1|gift card:1.2|gift wrap*:1.5|preorder:2|pre-order:2|release date:1.5|launch date:1.2|ship to:1.2|shipping to:1.2|deliver to:1|free trial:1|demo:1|sign up:0.8|new collection:1|take my money:2|want one:1.5|need one:1|coupon:0.5|discount:0.5|sale:0.6`,
    question: `
?:1|how do i:1.5|how can i:1.5|how to:1|how long:1.2|what is:0.8|what's:0.6|what are:0.8|where is:0.8|where can:1|when will:1|when does:1|when is:0.8|is there:1|are there:1|can i:1|could i:1|do you:1|does it:1|does the:0.8|is it possible:1.5|any way to:1.2|anyone know:1.5|wondering:1.2|question:1|what time:1.2|which:0.5|should i:1`,
    request: `
change my:0.8|cancel my:0.8|update my:0.6
remove me from:1.5|unsubscribe:1.5|delete my account:2
please add:2|please fix:1.5|please make:1.5|please bring back:2|please consider:2|please contact me:2|please dm:1.5|please call:1.5|please send:1.5|please cancel:2|please refund:1.5|please change:2|please help:1|please:0.5|would love:1.2|would be great if:2|it'd be great if:2|would be nice if:2|wish you:1.5|wish there was:1.5|i'd like to:1.2|i would like to:1.2|i'd like you to:2|can you:1|could you:1.2|would you:1|need you to:2
feature request:2|request:1|add an option:2|add a:0.6|bring back:1.5|dark mode:1|want to cancel:1.5|want to change:1.5|want to return:1.5|want to exchange:1.5|exchange:0.8|return it:1|return this:1|arrange:1.5|help me:1|can someone:1.2|dm me:1.5|reach out:1|call me:1.5|contact me:1.5|let me know:0.8|reschedule:1.5|extend:1|special request:2|can you help:1.2
can you tell me:0|could you tell me:0|can you explain:0`,
    praise: `
quick fix:1.5|thanks for:1
thank you:1|thanks:0.8|thx:0.8|love:1|loved:1.2|loving:1.2|amazing:1.5|awesome:1.5|great:0.8|excellent:1.5|fantastic:1.5|wonderful:1.5|brilliant:1.5|perfect:1.2|best:1|delicious:1.5|tasty:1.2|yummy:1.2|incredible:1.5|outstanding:1.5|superb:1.5|impressed:1.5|kudos:2|shout out:2|shoutout:2|props to:2|hats off:2
helpful:1.2|so helpful:1.5|super helpful:1.5|quick response:1.5|fast response:1.5|quick reply:1.5|fast shipping:1.5|arrived quickly:1.5|great service:2|great support:2|customer service was:0.6|highly recommend:2|recommend:1|5 stars:1.5|five stars:1.5|10/10:1.5|favorite:1.2|favourite:1.2|happy with:1.2|so happy:1.2|pleased:1.2|grateful:1.5|appreciate:1.2|lifesaver:2|life saver:2|game changer:2|well done:1.5|nice job:1.5|great job:1.5|good job:1.5|❤:0.8|😍:1|🥰:1|😊:0.6|👏:0.8|🙌:1`,
  },
  positive: `
great deal:1|all good:0|
excited:1.2|can't wait:1.2|cant wait:1.2|looking forward:1.2|glad:1|happy:1|good:0.6|nice:0.8|cool:0.6|lovely:1|beautiful:1|cute:0.8|relieved:1|smooth:0.6|easy:0.5|works great:1.5|works perfectly:1.5|!:0.1|🎉:0.8|✨:0.6|🙏:0.2`,
  negative: `
worst:2|terrible:2|horrible:2|awful:2|disappointed:1.5|disappointing:1.5|frustrated:1.5|frustrating:1.5|annoyed:1.5|annoying:1.2|angry:1.5|furious:2|ridiculous:1.5|unacceptable:2|disgusting:2|disgusted:2|useless:1.5|garbage:1.5|trash:1|sucks:1.5|suck:1.2|hate:1.5|bad:1|poor:1|upset:1.5|fed up:1.5|sick of:1.5|tired of:1.2|again:0.3|still:0.3|waiting:0.5|no response:1.5|no reply:1.5|nobody:0.8|ignored:1.5|ignoring:1.5
unfortunately:0.8|sadly:1|sad:1|worried:1|concerned:0.8|confusing:1|confused:0.8|slow:0.6|expensive:0.8|overpriced:1.5|scam:1.5|wtf:1.5|wth:1.2|smh:1.2|ugh:1.2|seriously:0.6|joke:0.8|nightmare:2|disaster:2|rude:1.5|mess:1|shame:1|shameful:1.5|never again:1.5|cancelling:0.8|canceling:0.8|switching to:0.8|waste:1.5|wasted:1.5|stressed:1|scary:1|scared:1|😡:1.5|😠:1.5|💢:1.5|😢:0.8|😭:0.8|🤬:2|😤:1|👎:1.5|😞:1|😩:1|🙄:0.8`,
  sarcasm: `great job|just great|oh great|thanks a lot|thanks for nothing|love how|love that|love it when|so glad|good job|nice job|well done|bravo|👏|🙃|🙄|/s|lol|lmao|yay|wow|classic|impressive|what a surprise|shocker|as always|as usual|way to go|stellar|fantastic job|amazing job`,
  negAfter: ``,
  negBefore: `not|no|never|isn't|wasn't|aren't|weren't|don't|doesn't|didn't|without|no longer|nothing|nor`,
  hypothetical: `if|in case|what happens when|what if|suppose`,
  mistake: `thought|i assumed`,
  resolved: `false alarm|my bad|my mistake|my fault|user error|never mind|nevermind|nvm|scratch that|pending authorization|pending authorisation|pending charge|authorization hold|temporary hold|it's fixed|is fixed|fixed now|got fixed|been fixed|works now|working now|working again|back up now|back online|is back|resolved|sorted now|all sorted|all good now|refund came through|got my refund|received my refund|refund arrived|issue is gone|figured it out|found it|showed up|it arrived|finally arrived|problem solved`,
  expert: `birthday|surprise|anniversary|proposal|private room|private event|buy out|buyout|corkage|allerg*|gluten|vegan|halal|wheelchair|stroller|enterprise|invoice|receipt|quote|api|sso|saml|integration|integrate|migrate|migration|import|export|bulk|wholesale|custom*|engraving|personali*|order number|order #|shipping address|change my|cancel my|extend|international|abroad|consult|special|specific|account manager|admin|permissions|set up|setup|configure|contract|transfer|backup|restore`,
  spam: `
giveaway:1.5|free giveaway:2|win a free:2|follow and rt:2|follow & rt:2|follow and retweet:2|follow + rt:2|airdrop:2|crypto:1.5|bitcoin:1.5|btc:1.2|nft:1.5|nfts:1.5|forex:2|binary options:2|trading signals:2|passive income:2.5|make money:2|earn $:2|earn money:2|work from home:1.5|side hustle:1.5|dm me for:2|check my bio:2|link in bio:2|link in my bio:2|click the link:2|click here:1.5|visit my profile:2|free followers:3|buy followers:3|gain followers:2|follow back:1.5|follow for follow:2|f4f:2|sub4sub:2|promo code:0.5|limited time:1|act now:1.5|100% free:2|guaranteed:1|onlyfans:3|hot singles:3|dating site:2|investment opportunity:2.5|double your money:3|telegram:1|whatsapp me:2|cheap:0.5|discount code:0.8`,
  abuse: `idiot*|moron*|stupid|dumb|fuck*|shit*|die|kill yourself|kys|loser*|clown*|pathetic|trash|garbage|scum|bastard*|retard*|useless`,
};
